/**
 * The one error type HTTP handlers throw. The error middleware renders it as `{error: {code, message}}`, so a
 * handler states the status and a message a person can act on, and never formats a response itself.
 */
import type { ApiErrorCode } from '../../shared/api-types';

export class ApiHttpError extends Error {
  override name = 'ApiHttpError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiHttpError(400, 'bad_request', message);
export const unauthorized = (message: string) => new ApiHttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiHttpError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiHttpError(404, 'not_found', message);
export const conflict = (message: string) => new ApiHttpError(409, 'conflict', message);
