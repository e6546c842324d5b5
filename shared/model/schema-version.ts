/**
 * Every board document has a root Y.Map `meta` holding `schemaVersion` (and board-wide settings). A replica
 * that finds a version newer than it knows must not write, because its operations would write the old shape.
 */
import type * as Y from 'yjs';
import type { Board } from '../boards';
import { ModelError } from './errors';

/** Bump with a migration in migrations.ts whenever a board's layout changes. */
export const SCHEMA_VERSIONS: Record<Board, number> = {
  breakdown: 2,
  shotlist: 3,
  schedule: 3,
  moodboard: 1,
  costreport: 2,
  callsheet: 1,
  dpr: 1,
};

/** The root map holding a board document's `board` and `schemaVersion`. */
export const META_ROOT = 'meta';

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_ROOT);
}

/** 0 for a document nobody has written yet. */
export function schemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** Sets the current version on an empty document; call inside the transaction of the first write. */
export function stampVersion(doc: Y.Doc, board: Board): void {
  const meta = metaMap(doc);
  const current = schemaVersion(doc);
  if (current === 0) {
    meta.set('schemaVersion', SCHEMA_VERSIONS[board]);
    meta.set('board', board);
  }
}

/** Throws when this code is too old (or the document not yet migrated) for writes to be safe. */
export function assertWritable(doc: Y.Doc, board: Board): void {
  const owner = metaMap(doc).get('board');
  if (owner !== undefined && owner !== board) {
    throw new ModelError('board', `this document holds the ${String(owner)} board, not ${board}`);
  }
  const v = schemaVersion(doc);
  if (v !== 0 && v !== SCHEMA_VERSIONS[board]) {
    throw new ModelError(
      'schemaVersion',
      v > SCHEMA_VERSIONS[board]
        ? `this ${board} document is version ${v}; this app knows ${SCHEMA_VERSIONS[board]}. Reload to update.`
        : `this ${board} document is version ${v} and needs migrating to ${SCHEMA_VERSIONS[board]} first`,
    );
  }
}

/**
 * Runs one operation's writes in a single transaction tagged with `origin`, after checking the version, so
 * observers see the whole change at once and a refused write leaves nothing behind.
 */
export function writeBoard<T>(doc: Y.Doc, board: Board, origin: unknown, fn: () => T): T {
  assertWritable(doc, board);
  let result: T | undefined;
  doc.transact(() => {
    stampVersion(doc, board);
    result = fn();
  }, origin ?? null);
  return result as T;
}
