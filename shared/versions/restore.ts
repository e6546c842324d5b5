/**
 * Going back to a version as a forward edit: the live document is made to hold what the version held by
 * writing only what differs, field by field, in one transaction. Nothing in history is rewritten, every
 * tablet receives the edit like any other, and restoring another version undoes it. Fields nobody changed
 * since the version are not written, so an edit made concurrently on another tablet to anything else
 * survives the restore.
 */
import * as Y from 'yjs';
import type { Board } from '../boards';
import { breakdownRoots } from '../model/breakdown';
import { callSheetRoots } from '../model/callsheet-types';
import { costReportRoots } from '../model/costreport-types';
import { dprRoots } from '../model/dpr';
import { migrate } from '../model/migrations';
import { moodboardRoots } from '../model/moodboard';
import { scheduleRoots } from '../model/schedule-types';
import { metaMap } from '../model/schema-version';
import { shotlistRoots } from '../model/shotlist';

/** Every root type a board's document uses, by name. */
export function boardRoots(board: Board, doc: Y.Doc): Map<string, object> {
  const roots: Record<string, object> = (() => {
    switch (board) {
      case 'breakdown':
        return breakdownRoots(doc);
      case 'shotlist':
        return shotlistRoots(doc);
      case 'schedule':
        return scheduleRoots(doc);
      case 'moodboard':
        return moodboardRoots(doc);
      case 'costreport': {
        // Accruals are the server's booking of approved reports (their state lives on the server), so
        // restoring a cost report version neither removes nor brings back a day's accruals.
        const { accruals: _booked, ...roots } = costReportRoots(doc);
        return roots;
      }
      case 'callsheet':
        return callSheetRoots(doc);
      case 'dpr':
        return dprRoots(doc);
    }
  })();
  const out = new Map<string, object>([['meta', metaMap(doc)]]);
  for (const type of Object.values(roots)) {
    const name = rootName(doc, type);
    if (name) out.set(name, type);
  }
  return out;
}

function rootName(doc: Y.Doc, type: object): string | null {
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

/** A version's stored state as a document in the current layout (older versions are migrated on the copy). */
export function openVersion(board: Board, state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  migrate(board, doc);
  return doc;
}

/**
 * Makes `live` hold what `version` holds, in one transaction with `origin`. Returns whether anything changed.
 *
 * `seen`: the state vector of the board as the person restoring saw it (`Y.encodeStateVector` of their copy).
 * A map entry written after that (another tablet's edit that had not reached them) is left as it is: the
 * restore changes only what differs between the version and the board they looked at, so it never undoes an
 * edit its author made concurrently. Without `seen`, the board as the server holds it is what was seen.
 */
export function restoreVersion(
  board: Board,
  live: Y.Doc,
  version: Y.Doc,
  origin?: unknown,
  seen?: Uint8Array,
): boolean {
  const want = boardRoots(board, version);
  const have = boardRoots(board, live);
  const clocks = seen ? Y.decodeStateVector(seen) : null;
  const unseen: Unseen = (item) =>
    clocks !== null && item !== null && item.id.clock >= (clocks.get(item.id.client) ?? 0);
  let changed = false;
  live.transact((tr) => {
    for (const [name, target] of want) {
      const current = have.get(name);
      if (!current) continue;
      // The live document's layout version stays: the copy was migrated to it.
      syncType(current, target, name === 'meta' ? new Set(['schemaVersion']) : new Set(), unseen);
    }
    changed = tr.changed.size > 0;
  }, origin);
  return changed;
}

/** Whether a map entry's current item was written after the state the restorer saw. */
type Unseen = (item: { id: { client: number; clock: number } } | null) => boolean;

/** The item that holds a map's current value at `key` (Yjs keeps it in `_map`). */
function entryItem(map: Y.Map<unknown>, key: string): { id: { client: number; clock: number } } | null {
  const item = (map as unknown as { _map: Map<string, { id: { client: number; clock: number } }> })._map.get(
    key,
  );
  return item ?? null;
}

function syncType(current: object, target: object, keep: Set<string>, unseen: Unseen = () => false): boolean {
  if (current instanceof Y.Map && target instanceof Y.Map) {
    syncMap(current, target, keep, unseen);
    return true;
  }
  if (current instanceof Y.Text && target instanceof Y.Text) {
    syncText(current, target);
    return true;
  }
  if (current instanceof Y.Array && target instanceof Y.Array) {
    syncArray(current, target);
    return true;
  }
  return false;
}

function syncMap(current: Y.Map<unknown>, target: Y.Map<unknown>, keep: Set<string>, unseen: Unseen): void {
  for (const key of [...current.keys()]) {
    if (!target.has(key) && !keep.has(key) && !unseen(entryItem(current, key))) current.delete(key);
  }
  for (const [key, value] of target.entries()) {
    if (keep.has(key)) continue;
    const existing = current.get(key);
    if (value instanceof Y.AbstractType) {
      if (existing instanceof Y.AbstractType && syncType(existing, value, new Set(), unseen)) continue;
      if (existing !== undefined && unseen(entryItem(current, key))) continue;
      current.set(key, clone(value));
    } else if (!samePlain(existing, value) && !(existing !== undefined && unseen(entryItem(current, key)))) {
      current.set(key, value);
    }
  }
}

/** Rewrites only the middle that differs, so a cursor or a concurrent insert elsewhere in the text survives. */
function syncText(current: Y.Text, target: Y.Text): void {
  const from = current.toString();
  const to = target.toString();
  if (from === to) return;
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (
    end < from.length - start &&
    end < to.length - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  ) {
    end++;
  }
  current.delete(start, from.length - start - end);
  current.insert(start, to.slice(start, to.length - end));
}

function syncArray(current: Y.Array<unknown>, target: Y.Array<unknown>): void {
  if (samePlain(current.toJSON(), target.toJSON())) return;
  current.delete(0, current.length);
  current.insert(
    0,
    target.toArray().map((item) => (item instanceof Y.AbstractType ? clone(item) : item)),
  );
}

function clone(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> {
  return (type as unknown as { clone(): Y.AbstractType<unknown> }).clone();
}

function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
