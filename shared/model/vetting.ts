/**
 * What the server checks in every member's update after applying it, as the board's one owner: entries shown
 * "by X" name the member who wrote them (authors.ts), and the document's `meta.board` and `schemaVersion`
 * stay what this server's model says. A tablet can write anything there; a wrong board name or a version from
 * the future would make every other tablet refuse to write, and the server refuse to load the board.
 */
import type * as Y from 'yjs';
import type { Board } from '../boards';
import { AUTHORED, authorFixes } from './authors';
import type { Author } from './schedule-types';
import { META_ROOT, metaMap, SCHEMA_VERSIONS } from './schema-version';

/** The server edit that undoes what `transaction` forged, or null when it forged nothing. */
export function vetTransaction(
  board: Board,
  transaction: Y.Transaction,
  member: Author,
): ((doc: Y.Doc) => void) | null {
  const fixes = [authorFixes(board, transaction, member), metaFixes(board, transaction)].filter(
    (fix): fix is (doc: Y.Doc) => void => fix !== null,
  );
  if (fixes.length === 0) return null;
  return (doc) => {
    for (const fix of fixes) fix(doc);
  };
}

/**
 * The root types whose direct entries `vetTransaction` (and, on the mood board, the card notifications) read:
 * 'all' on boards with authored entries, which sit deeper than a root. The server may apply an update that
 * touches none of them without a live transaction (docs/PROTOCOL.md, "Idle documents").
 */
export function vettedRoots(board: Board): readonly string[] | 'all' {
  return AUTHORED[board] || board === 'moodboard' ? 'all' : [META_ROOT];
}

function metaFixes(board: Board, transaction: Y.Transaction): ((doc: Y.Doc) => void) | null {
  const meta = metaMap(transaction.doc);
  const keys = (transaction.changed as Map<unknown, Set<string | null>>).get(meta);
  if (keys === undefined) return null;
  const current = SCHEMA_VERSIONS[board];
  const version: unknown = meta.get('schemaVersion');
  // A lower version is an older app's first write to an empty board: the next load migrates it.
  const badVersion =
    keys.has('schemaVersion') &&
    !(typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= current);
  const badBoard = keys.has('board') && meta.get('board') !== board;
  if (!badVersion && !badBoard) return null;
  return (doc) => {
    if (badVersion) metaMap(doc).set('schemaVersion', current);
    if (badBoard) metaMap(doc).set('board', board);
  };
}
