/**
 * Mood board images: upload (raw body, sniffed by magic bytes) and download for members who may read the
 * mood board. Mounted at `/api`. Upload takes the Authorization header; download also takes a signed link,
 * because an `<img>` cannot send headers (the app asks `POST /api/productions/:id/links` for them).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Access } from '../../shared/boards';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';
import { createBlobStore, sniffImageType } from '../storage/blob-store';
import { ApiHttpError as HttpError } from './api-error';
import { principalForLink, type LinkAuth } from './principal';

export interface UploadRouterOptions {
  access: AccessResolver;
  /** Resolves callers of the download route, which signed links may open. */
  linkAuth: LinkAuth;
  dataDir: string;
  maxBytes: number;
}

export interface UploadResponse {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
}

function sendError(res: Response, status: number, code: HttpError['code'], message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function imageUrl(productionId: string, id: string): string {
  return `/api/productions/${encodeURIComponent(productionId)}/images/${id}`;
}

export function createUploadRouter(options: UploadRouterOptions): express.Router {
  const { access, linkAuth, maxBytes } = options;
  const blobs = createBlobStore({ dataDir: options.dataDir });
  const router = express.Router();

  /** Resolves the caller and checks the mood board access the route needs; throws HttpError otherwise. */
  async function authorise(req: Request, need: Exclude<Access, 'none'>): Promise<Principal> {
    const productionId = String(req.params.id);
    const principal =
      need === 'read' ? await principalForLink(linkAuth, req, productionId) : await bearer(req);
    if (principal.productionId !== productionId) {
      if (!(await access.productionExists(productionId))) {
        throw new HttpError(404, 'not_found', 'No such production.');
      }
      throw new HttpError(403, 'forbidden', 'You are not a member of this production.');
    }
    const level = await access.access(principal, 'moodboard');
    if (level === 'none' || (need === 'write' && level !== 'write')) {
      const verb = need === 'write' ? 'add images to' : 'see';
      throw new HttpError(403, 'forbidden', `Your role may not ${verb} the mood board.`);
    }
    return principal;
  }

  async function bearer(req: Request): Promise<Principal> {
    const token = tokenFromRequest(req.headers, undefined);
    if (!token)
      throw new HttpError(401, 'unauthorized', 'Sign in first: send "Authorization: Bearer <token>".');
    const principal = await access.authenticate(token);
    if (!principal) {
      throw new HttpError(401, 'unauthorized', 'Your access has expired or was revoked; ask for a new link.');
    }
    return principal;
  }

  const guard =
    (need: Exclude<Access, 'none'>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      authorise(req, need).then(() => next(), next);
    };

  // Refuse by declared length before a byte of the body is read; the parser's limit catches liars.
  const declaredSize = (req: Request, _res: Response, next: NextFunction): void => {
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > maxBytes) {
      next(new HttpError(413, 'payload_too_large', tooLargeMessage(maxBytes)));
      return;
    }
    next();
  };

  router.post(
    '/productions/:id/boards/moodboard/images',
    guard('write'),
    declaredSize,
    express.raw({ type: () => true, limit: maxBytes }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const body: unknown = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new HttpError(400, 'bad_request', 'The upload was empty: send the image bytes as the body.');
        }
        if (!sniffImageType(body)) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            'That file is not an image the board can show: use PNG, JPEG, WebP or GIF.',
          );
        }
        const productionId = String(req.params.id);
        const stored = await blobs.put(productionId, body);
        const payload: UploadResponse = {
          id: stored.id,
          url: imageUrl(productionId, stored.id),
          contentType: stored.contentType,
          bytes: stored.bytes,
        };
        res.status(201).json(payload);
      } catch (error) {
        next(error);
      }
    },
  );

  router.get('/productions/:id/images/:imageId', guard('read'), async (req, res, next) => {
    try {
      const found = await blobs.locate(String(req.params.id), String(req.params.imageId));
      if (!found) throw new HttpError(404, 'not_found', 'No such image in this production.');
      // The content never changes under its hash; `private` because access depends on who asks.
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      res.setHeader('ETag', `"${found.id}"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.type(found.contentType);
      res.sendFile(found.path, { cacheControl: false, etag: false, lastModified: false }, (error) => {
        if (error && !res.headersSent) next(error);
      });
    } catch (error) {
      next(error);
    }
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message);
      return;
    }
    const parserType = (error as { type?: unknown } | null)?.type;
    if (parserType === 'entity.too.large') {
      sendError(res, 413, 'payload_too_large', tooLargeMessage(maxBytes));
      return;
    }
    next(error);
  });

  return router;
}

function tooLargeMessage(maxBytes: number): string {
  const mib = (maxBytes / (1024 * 1024)).toFixed(1);
  return `That image is larger than the ${mib} MiB this server accepts; export a smaller version.`;
}
