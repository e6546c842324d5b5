/**
 * `POST /api/productions/:id/links {paths}` → `{links: {<path>: <signed url>}, expiresAt}`: the app trades its
 * token (in the Authorization header) for short-lived signed links to the URLs a browser must open without
 * headers: images in `<img src>`, and board exports (`/boards/:board/export.<format>`, any format, so a new
 * export route only needs to resolve its caller with `principalForLink`). The links name the caller; each
 * route still checks that member's role when the link is opened, so signing does not grant anything.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { SignedLinksResponse } from '../../shared/api-types';
import type { SignedLinks } from '../auth/signed-links';
import type { Directory } from '../directory/directory';
import { ApiHttpError, badRequest } from './api-error';
import { requireMemberOf, requirePrincipal } from './principal';
import { describeIssues } from './validation';

export interface LinkRouterOptions {
  directory: Directory;
  links: SignedLinks;
}

/** Paths (below `/api/productions/<id>`) whose routes accept a signed link. */
const SIGNABLE = [/^\/images\/[^/?#]+$/, /^\/boards\/[a-z]+\/export\.[a-z0-9]+(\?[^#]*)?$/];
export const MAX_LINKS_PER_REQUEST = 200;

const linksBody = z.strictObject({
  paths: z
    .array(z.string().min(1).max(2048, 'must be at most 2048 characters'))
    .min(1, 'must name at least one path')
    .max(MAX_LINKS_PER_REQUEST, `must name at most ${MAX_LINKS_PER_REQUEST} paths; ask in batches`),
});

export function createLinkRouter(options: LinkRouterOptions): Router {
  const { directory, links } = options;
  const router = express.Router();
  const parseJson = express.json({ limit: 64 * 1024 });

  router.post('/productions/:id/links', parseJson, async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    const productionId = String(req.params.id);
    requireMemberOf(principal, productionId);
    if (!req.is('application/json')) {
      throw new ApiHttpError(
        415,
        'unsupported_media_type',
        'Send the body as JSON (Content-Type: application/json).',
      );
    }
    const parsed = linksBody.safeParse(req.body);
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    const base = `/api/productions/${encodeURIComponent(productionId)}`;
    const now = Date.now();
    const signed: Record<string, string> = {};
    let expiresAt = 0;
    for (const path of parsed.data.paths) {
      const below = path.startsWith(`${base}/`) ? path.slice(base.length) : null;
      if (below === null || !SIGNABLE.some((pattern) => pattern.test(below))) {
        throw badRequest(
          `${path} cannot be signed: only this production's images (${base}/images/<id>) and board exports ` +
            `(${base}/boards/<board>/export.<format>) can.`,
        );
      }
      const link = links.sign(path, principal.memberId, now);
      signed[path] = link.url;
      expiresAt = link.expiresAt;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ links: signed, expiresAt: new Date(expiresAt).toISOString() } satisfies SignedLinksResponse);
  });

  return router;
}
