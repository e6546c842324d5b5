/**
 * Who is calling a board's API route and what they may do on it: Bearer token (A3), the production among
 * theirs (A4), a known board, read access at least (403 otherwise). Shared by the version and report routes.
 */
import type { Request } from 'express';
import { BOARD_LABELS, canRead, canWrite, documentName, isBoard, type Board } from '../../shared/boards';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';
import { forbidden, notFound, unauthorized } from './api-error';

export interface BoardCaller {
  principal: Principal;
  board: Board;
  productionId: string;
  docName: string;
  access: 'read' | 'write';
}

export async function boardCaller(
  access: AccessResolver,
  req: Request,
  productionId: string,
  board: string,
): Promise<BoardCaller> {
  const token = tokenFromRequest(req.headers, undefined);
  if (!token) throw unauthorized('Sign in first: send the token as "Authorization: Bearer <token>".');
  const principal = await access.authenticate(token);
  if (!principal)
    throw unauthorized('This token is unknown, expired or revoked; ask the owner for a new invite.');
  if (principal.productionId !== productionId || !(await access.productionExists(productionId))) {
    throw notFound(`No production ${productionId} among yours.`);
  }
  if (!isBoard(board))
    throw notFound(`No board ${JSON.stringify(board)}; boards are ${Object.keys(BOARD_LABELS).join(', ')}.`);
  const level = await access.access(principal, board);
  if (!canRead(level))
    throw forbidden(`Your role (${principal.role}) may not see the ${BOARD_LABELS[board]}.`);
  return {
    principal,
    board,
    productionId,
    docName: documentName(productionId, board),
    access: canWrite(level) ? 'write' : 'read',
  };
}
