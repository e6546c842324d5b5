/**
 * Authorisation of a sync upgrade, before any WebSocket exists: the path names the production and board,
 * the token names the member, the permission matrix names the access. Refusals are plain HTTP responses
 * with the API's error body, so a client (or curl) sees why.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { documentName, isBoard, type Access, type Board } from '../../shared/boards';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';

/** What an authorised sync socket may do, and on what; the token is kept to re-check it while open. */
export interface SyncGrant {
  principal: Principal;
  token: string;
  productionId: string;
  board: Board;
  docName: string;
  access: Exclude<Access, 'none'>;
}

export type UpgradeDecision =
  ({ ok: true } & SyncGrant) | { ok: false; status: 401 | 403 | 404 | 503; code: string; message: string };

const refuse = (status: 401 | 403 | 404 | 503, code: string, message: string): UpgradeDecision => ({
  ok: false,
  status,
  code,
  message,
});

/** `/sync/<productionId>/<board>[?query]` -> its parts; null for any other shape. */
export function parseSyncPath(url: string): { productionId: string; board: string } | null {
  const path = url.split('?', 1)[0] ?? '';
  const match = /^\/sync\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return null;
  try {
    return { productionId: decodeURIComponent(match[1]!), board: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

export async function authorizeUpgrade(
  req: IncomingMessage,
  access: AccessResolver,
): Promise<UpgradeDecision> {
  const parsed = parseSyncPath(req.url ?? '');
  if (!parsed) return refuse(404, 'not_found', 'Sync URLs look like /sync/<productionId>/<board>.');
  const token = tokenFromRequest(req.headers, req.url);
  return authorizeSync(access, parsed.productionId, parsed.board, token);
}

/** The directory's answer for one token on one board of one production. */
export async function authorizeSync(
  access: AccessResolver,
  productionId: string,
  board: string,
  token: string | null,
): Promise<UpgradeDecision> {
  if (!isBoard(board)) return refuse(404, 'unknown_board', `There is no board called "${board}".`);
  if (!token) return refuse(401, 'missing_token', 'Pass the member token as ?token= or a Bearer header.');
  const principal = await access.authenticate(token);
  if (!principal) return refuse(401, 'invalid_token', 'The token is unknown, expired or revoked.');
  if (!(await access.productionExists(productionId))) {
    return refuse(404, 'unknown_production', 'There is no such production.');
  }
  if (principal.productionId !== productionId) {
    return refuse(403, 'other_production', 'This token belongs to another production.');
  }
  const level = await access.access(principal, board);
  if (level === 'none') {
    return refuse(403, 'no_access', `Your role cannot open the ${board} board.`);
  }
  return {
    ok: true,
    principal,
    token,
    productionId,
    board,
    docName: documentName(productionId, board),
    access: level,
  };
}

/** Answers an upgrade request with an HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
