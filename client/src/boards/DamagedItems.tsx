import { useState } from 'react';
import type { Board } from '../../../shared/boards';
import { countDamage, removeDamaged } from '../../../shared/model/damage';
import { LOCAL_ORIGIN } from '../sync/board-session';
import { useBoardContext } from '../sync/use-board-session';
import { useDoc } from '../sync/use-y';

/**
 * "N damaged items": entries of the board's document that no operation could have written (someone's broken
 * or hostile client). The board shows everything else; an editor can remove them in one step, a reader only
 * learns they are there. Nothing at all when the board is sound.
 */
export function DamagedItems({ board }: { board: Board }) {
  const { session, canWrite } = useBoardContext();
  const count = useDoc(session.doc, (doc) => (doc ? countDamage(board, doc) : 0));
  const [error, setError] = useState<string | null>(null);
  if (count === 0) return null;
  return (
    <div className="notice damaged-items" role="status" data-testid="damaged-items">
      <span>
        {count} damaged {count === 1 ? 'item' : 'items'}
        {canWrite ? '' : ': someone who can edit this board can remove them.'}
      </span>
      {canWrite && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            try {
              removeDamaged(board, session.doc, LOCAL_ORIGIN);
              setError(null);
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Remove damaged items
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
