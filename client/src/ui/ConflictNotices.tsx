/**
 * Tells the person on this device when an edit of theirs crossed with someone else's (sync/conflicts.ts):
 * which field, the value that won and who wrote it, with one tap to put theirs back. Shown under the board
 * header until answered.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { BoardSession } from '../sync/board-session';
import type { Conflict } from '../sync/conflicts';

/** What one entity of each root is called in a sentence. */
const NOUNS: Record<string, string> = {
  shots: 'shot',
  scenes: 'scene',
  cast: 'cast member',
  locations: 'location',
  elements: 'element',
  strips: 'strip',
  days: 'day',
  banners: 'banner',
  dayLog: 'log entry',
  accounts: 'account',
  lines: 'budget line',
  actuals: 'actual',
  pos: 'purchase order',
  hotcosts: 'hot cost',
  cards: 'card',
  sections: 'section',
  boards: 'mood board',
};

/** The fields that name an entity, most telling first ("shot 12A", "scene 4", "cast member Mara"). */
const NAMING_FIELDS = ['code', 'number', 'character', 'name', 'caption', 'vendor', 'title', 'date'];

function fieldName(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Lens on shot 12A". */
export function describeField(doc: Y.Doc, map: Y.Map<unknown>, key: string): string {
  const parent = map._item?.parent;
  if (!parent) return `${fieldName(key)} (board settings)`;
  let root = '';
  for (const [name, type] of doc.share) if (type === parent) root = name;
  const noun = NOUNS[root] ?? 'item';
  const naming = NAMING_FIELDS.map((f) => map.get(f)).find(
    (v): v is string | number => (typeof v === 'string' && v !== '') || typeof v === 'number',
  );
  return `${fieldName(key)} on ${noun}${naming === undefined ? '' : ` ${naming}`}`;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'nothing' : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

export function ConflictNotices({ session, canWrite }: { session: BoardSession; canWrite: boolean }) {
  const conflicts = useSyncExternalStore(session.conflicts.subscribe, session.conflicts.list);
  // Re-render when a writer's name is learnt from awareness after the notice appeared.
  useSyncExternalStore(session.names.subscribe, session.names.getVersion);
  if (conflicts.length === 0) return null;
  return (
    <ul className="conflict-notices" aria-label="Edits that crossed" data-testid="conflicts">
      {conflicts.map((c) => (
        <Notice key={c.id} session={session} conflict={c} canWrite={canWrite} />
      ))}
    </ul>
  );
}

function Notice({
  session,
  conflict: c,
  canWrite,
}: {
  session: BoardSession;
  conflict: Conflict;
  canWrite: boolean;
}) {
  const who = session.names.nameOf(c.theirClient) ?? 'someone on another device';
  const field = describeField(session.doc, c.map, c.key);
  const sentence =
    c.kind === 'replaced'
      ? `${field}: your ${shown(c.mine)} (${clock(c.mineAt)}) was replaced by ${shown(c.theirs)} (${who}).`
      : `${field}: your ${shown(c.mine)} (${clock(c.mineAt)}) replaced ${shown(c.theirs)}, set meanwhile by ${who}.`;
  return (
    <li className="banner warn conflict-notice" role="alert" data-kind={c.kind}>
      <span>{sentence}</span>
      <span className="conflict-actions">
        {canWrite &&
          (c.kind === 'replaced' ? (
            <button
              type="button"
              className="btn primary"
              onClick={() => session.conflicts.resolve(c.id, 'mine')}
            >
              Put mine back
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => session.conflicts.resolve(c.id, 'theirs')}>
              Use theirs
            </button>
          ))}
        <button type="button" className="btn" onClick={() => session.conflicts.dismiss(c.id)}>
          {c.kind === 'replaced' ? 'Keep theirs' : 'Keep mine'}
        </button>
      </span>
    </li>
  );
}
