/**
 * Boards that show another board's data (scene numbers on the shot list and the stripboard come from the
 * breakdown) open that board read-side too, only when this role may read it; otherwise it is never requested.
 */
import { canRead, type Board } from '../../../shared/boards';
import { useBoardContext, useBoardSession } from '../sync/use-board-session';
import type { BoardSession } from '../sync/board-session';

export function useCompanion(board: Board): BoardSession | null {
  const { productionId, token, permissions } = useBoardContext();
  const allowed = canRead(permissions[board]);
  return useBoardSession(productionId, board, token, allowed);
}
