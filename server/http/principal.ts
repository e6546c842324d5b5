/**
 * Who is calling: the bearer token resolved against the directory on every request, so a revocation applies
 * to the very next call without a cache to invalidate. A long-lived token is accepted only in the
 * `Authorization` header; routes a browser opens without headers (images, exports) take a signed link
 * (`server/auth/signed-links.ts`) instead, which names a member who is looked up just the same.
 */
import type { Request, RequestHandler } from 'express';
import type { ApiError } from '../../shared/api-types';
import { tokenFromRequest } from '../auth/access';
import type { SignedLinks } from '../auth/signed-links';
import type { Directory, Principal } from '../directory/directory';
import { ApiHttpError, forbidden, notFound, unauthorized } from './api-error';

const SIGN_IN = 'Sign in first: send the token as "Authorization: Bearer <token>".';

/**
 * Refuses `?token=` on every HTTP route, pages included (the sync upgrade, the only place a browser cannot send
 * a header, does not pass through express). A token in a URL ends up in history, proxy logs and Referer
 * headers. Answers itself, so a page route gets the same JSON error as the API.
 */
export const refuseQueryToken: RequestHandler = (req, res, next) => {
  if (req.query['token'] === undefined) {
    next();
    return;
  }
  const message =
    'Tokens are not accepted in URLs: send it as "Authorization: Bearer <token>", or ask ' +
    'POST /api/productions/:id/links for a short-lived signed link to open without headers.';
  res
    .status(401)
    .setHeader('WWW-Authenticate', 'Bearer')
    .setHeader('Cache-Control', 'no-store')
    .json({ error: { code: 'unauthorized', message } } satisfies ApiError);
};

/** The principal behind the request's token, or a 401 `ApiHttpError` saying what is missing. */
export async function requirePrincipal(directory: Directory, req: Request): Promise<Principal> {
  const token = tokenFromRequest(req.headers, undefined);
  if (!token) {
    throw new ApiHttpError(401, 'unauthorized', SIGN_IN);
  }
  const principal = await directory.authenticate(token);
  if (!principal) {
    throw new ApiHttpError(
      401,
      'unauthorized',
      'This token is not valid: it is unknown, expired or its member was removed. Ask the owner for a new invite.',
    );
  }
  return principal;
}

/**
 * The caller must belong to `productionId`. Another production's member gets 404, the same answer as for a
 * production that does not exist, so ids cannot be probed for existence.
 */
export function requireMemberOf(principal: Principal, productionId: string): void {
  if (principal.productionId !== productionId) {
    throw notFound(`No production ${productionId} among yours.`);
  }
}

/** The caller must be the owner of `productionId` (404 outside it, 403 inside it without ownership). */
export function requireOwnerOf(principal: Principal, productionId: string): void {
  requireMemberOf(principal, productionId);
  if (!principal.owner) {
    throw forbidden('Only the owner of this production can do this.');
  }
}

/** What a route that also takes signed links needs to know who is calling. */
export interface LinkAuth {
  links: SignedLinks;
  /** Resolves a bearer token (as `Directory.authenticate`). */
  authenticate(token: string): Promise<Principal | null>;
  /** The active member `memberId` of `productionId`, or null once removed (their links stop at once). */
  member(productionId: string, memberId: string): Promise<Principal | null>;
}

/** `LinkAuth` over the directory: members are looked up on every request, like tokens. */
export function directoryLinkAuth(directory: Directory, links: SignedLinks): LinkAuth {
  return {
    links,
    authenticate: (token) => directory.authenticate(token),
    async member(productionId, memberId) {
      const found = (await directory.listMembers(productionId)).find((m) => m.id === memberId);
      return found
        ? { productionId, memberId, name: found.name, role: found.role, owner: found.owner }
        : null;
    },
  };
}

/**
 * The caller of a GET route a browser may open as a plain URL: the `Authorization` header, or else a signed
 * link for exactly this URL made for a member of `productionId` who is still a member. Throws a 401 saying
 * what to do (no credentials, expired link, removed member) or a 403 for a link that was altered.
 */
export async function principalForLink(
  auth: LinkAuth,
  req: Request,
  productionId: string,
): Promise<Principal> {
  const token = tokenFromRequest(req.headers, undefined);
  if (token) {
    const principal = await auth.authenticate(token);
    if (!principal) {
      throw unauthorized('This token is unknown, expired or revoked; ask the owner for a new invite.');
    }
    return principal;
  }
  const link = auth.links.check(req.originalUrl);
  switch (link.kind) {
    case 'none':
      throw unauthorized(
        `${SIGN_IN} A browser link needs a signed link from POST /api/productions/:id/links.`,
      );
    case 'invalid':
      throw forbidden(`This link is not valid: ${link.reason}. Open it from the app again.`);
    case 'expired':
      throw unauthorized(
        `This link expired at ${new Date(link.expiresAt).toISOString()}; links from the app last minutes. ` +
          'Open it from the app again.',
      );
    case 'valid': {
      const principal = await auth.member(productionId, link.memberId);
      if (!principal) {
        throw unauthorized('The member this link was made for is no longer in this production.');
      }
      return principal;
    }
  }
}
