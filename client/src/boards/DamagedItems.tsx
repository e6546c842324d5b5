import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { Board } from '../../../shared/boards';
import { countDamage, removeDamaged } from '../../../shared/model/damage';
import { LOCAL_ORIGIN } from '../sync/board-session';
import { useBoardContext } from '../sync/use-board-session';

/** Counting walks the whole document: after a change it runs once per this many ms, not per keystroke. */
const RECOUNT_MS = 250;

function useDamageCount(board: Board, doc: Y.Doc): [number, (count: number) => void] {
  const [count, setCount] = useState(() => countDamage(board, doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      setCount(countDamage(board, doc));
    };
    const changed = () => {
      timer ??= setTimeout(recount, RECOUNT_MS);
    };
    recount(); // a change between the first render and this subscription must not be missed
    doc.on('afterTransaction', changed);
    return () => {
      doc.off('afterTransaction', changed);
      if (timer !== null) clearTimeout(timer);
    };
  }, [board, doc]);
  return [count, setCount];
}

/**
 * "N damaged items": entries of the board's document that no operation could have written (someone's broken
 * or hostile client). The board shows everything else; an editor can remove them in one step, a reader only
 * learns they are there. Nothing at all when the board is sound.
 */
export function DamagedItems({ board }: { board: Board }) {
  const { session, canWrite } = useBoardContext();
  const [count, setCount] = useDamageCount(board, session.doc);
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
              setCount(countDamage(board, session.doc));
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
