/**
 * The one question every entry point asks (sync upgrade, CSV, uploads): who is this token, and what may
 * their role do on this board right now? Answered from the directory on every call, so a revocation or a
 * permission change applies to the next request without any cache to invalidate.
 */
import type { Access, Board } from '../../shared/boards';
import type { Directory, Principal } from '../directory/directory';

export interface AccessResolver {
  authenticate(token: string): Promise<Principal | null>;
  productionExists(productionId: string): Promise<boolean>;
  access(principal: Principal, board: Board): Promise<Access>;
}

export function directoryAccess(directory: Directory): AccessResolver {
  return {
    authenticate: (token) => directory.authenticate(token),
    productionExists: async (productionId) => (await directory.getProduction(productionId)) !== null,
    access: async (principal, board) =>
      (await directory.getPermissions(principal.productionId))[principal.role][board],
  };
}

/** `Authorization: Bearer <token>` first, then `?token=` (WebSocket URLs cannot carry headers from browsers). */
export function tokenFromRequest(
  headers: { authorization?: string | undefined },
  url: string | undefined,
): string | null {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    if (token) return token;
  }
  if (url) {
    const query = url.indexOf('?');
    if (query >= 0) {
      const token = new URLSearchParams(url.slice(query + 1)).get('token');
      if (token) return token;
    }
  }
  return null;
}
