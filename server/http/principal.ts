/**
 * Who is calling: the bearer token resolved against the directory on every request, so a revocation applies
 * to the very next call without a cache to invalidate.
 */
import type { Request } from 'express';
import { tokenFromRequest } from '../auth/access';
import type { Directory, Principal } from '../directory/directory';
import { ApiHttpError, forbidden, notFound } from './api-error';

export interface RequirePrincipalOptions {
  /**
   * Also accept `?token=` in the URL. Off by default: a URL ends up in browser history, proxies and logs, so
   * only endpoints a browser opens as a plain link (downloads) should enable it.
   */
  allowQueryToken?: boolean;
}

/** The principal behind the request's token, or a 401 `ApiHttpError` saying what is missing. */
export async function requirePrincipal(
  directory: Directory,
  req: Request,
  options: RequirePrincipalOptions = {},
): Promise<Principal> {
  const token = tokenFromRequest(req.headers, options.allowQueryToken ? req.originalUrl : undefined);
  if (!token) {
    throw new ApiHttpError(
      401,
      'unauthorized',
      'Sign in first: send the token as "Authorization: Bearer <token>".',
    );
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
