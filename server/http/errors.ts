/**
 * Error rendering for every `/api` router: each failure becomes `{error: {code, message}}` with the right
 * status. Messages come from a fixed table or from an `ApiHttpError`, never from the raw error, because a JSON
 * parse error quotes the body it failed on and that body may hold a token or an invite code.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError, ApiErrorCode } from '../../shared/api-types';
import { DirectoryError } from '../directory/directory-rules';
import type { Logger } from '../logger';
import { ApiHttpError, notFound } from './api-error';

export { ApiHttpError, badRequest, conflict, forbidden, notFound, unauthorized } from './api-error';
export { requireMemberOf, requireOwnerOf, requirePrincipal } from './principal';

/** body-parser failures (http-errors with a `type`), by type: what to tell the client. */
const BODY_ERRORS: Record<string, { status: number; code: ApiErrorCode; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'bad_request', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'The request body is too large.' },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported Content-Encoding; send the body uncompressed.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported charset; send the body as UTF-8.',
  },
  'request.aborted': { status: 400, code: 'bad_request', message: 'The request was aborted.' },
  'request.size.invalid': {
    status: 400,
    code: 'bad_request',
    message: 'The request body does not match its Content-Length.',
  },
};

const CODE_FOR_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  503: 'unavailable',
};

function render(error: unknown): { status: number; body: ApiError } {
  if (error instanceof ApiHttpError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  // The directory re-checks its inputs; a request that slips past our schemas still gets a client error.
  if (error instanceof DirectoryError) {
    const [status, code]: [number, ApiErrorCode] =
      error.code === 'not_found'
        ? [404, 'not_found']
        : error.code === 'gone'
          ? [410, 'gone']
          : [400, 'bad_request'];
    return { status, body: { error: { code, message: error.message } } };
  }
  if (typeof error === 'object' && error !== null) {
    const { type, status } = error as { type?: unknown; status?: unknown };
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (known) return { status: known.status, body: { error: { code: known.code, message: known.message } } };
    // Other client errors raised by express itself (e.g. a malformed URI): the status is right, the text is ours.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = CODE_FOR_STATUS[status] ?? 'bad_request';
      return { status, body: { error: { code, message: `The request was rejected (HTTP ${status}).` } } };
    }
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } },
  };
}

export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, body } = render(error);
    // req.path, not req.url: the query string may carry a token.
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'api request failed');
    else
      logger.debug(
        { method: req.method, path: req.path, status, code: body.error.code },
        'api request refused',
      );
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(status).json(body);
  };
}

/** Mount last under `/api`: any route nobody answered is a JSON 404, not express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(notFound(`No API route ${req.method} ${req.baseUrl}${req.path}.`));
};
