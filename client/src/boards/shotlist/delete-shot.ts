/**
 * Deleting a shot with an undo of its own. The delete is a normal local edit (the header's Undo and Ctrl+Z
 * see it too), and a one-shot undo manager over the board's undo scope records just this transaction, so the
 * snackbar's Undo brings back this shot even after the person made other edits since.
 */
import * as Y from 'yjs';
import { deleteShot } from '../../../../shared/model/shotlist';
import { LOCAL_ORIGIN, type BoardSession } from '../../sync/board-session';
import { undoScope } from '../../sync/undo-scope';

export interface DeletedShot {
  /** Restores the shot as it was (same id, fields, texts and places); a second call does nothing. */
  undo(): void;
  /** Forgets the way back. */
  dispose(): void;
}

export function deleteShotWithUndo(session: BoardSession, shotId: string): DeletedShot {
  const manager = new Y.UndoManager(undoScope('shotlist', session.doc), {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 0,
  });
  try {
    deleteShot(session.doc, shotId, LOCAL_ORIGIN);
  } catch (error) {
    manager.destroy();
    throw error;
  } finally {
    // Only the delete: later edits belong to the board's own undo.
    manager.trackedOrigins.delete(LOCAL_ORIGIN);
  }
  let open = true;
  const dispose = () => {
    if (open) manager.destroy();
    open = false;
  };
  return {
    undo() {
      if (open) manager.undo();
      dispose();
    },
    dispose,
  };
}
