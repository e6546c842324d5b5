/**
 * Entries shown "by X" (schedule day-log entries and their corrections, mood-board comments) carry the author the writing tablet
 * put there, and a tablet can put anyone there. The server vouches for them: after it applied a member's
 * update, `authorFixes` finds the authored entries that update added and, for each that names someone else,
 * gives the edit that re-stamps it with the member who sent it (as awareness `user` is stamped from the
 * token). A comment is a plain object in an append-only list, so "added" is all there is to check there (an
 * edit is a delete plus an insert); a day-log entry is an entity, so a new one and a changed author field
 * are both checked.
 */
import * as Y from 'yjs';
import type { Board } from '../boards';
import { isAuthor, isRecord } from './fields';
import type { Author } from './schedule-types';

type AuthoredPlace =
  { type: 'entities'; root: string; fields: readonly string[] } | { type: 'list'; root: string };

/**
 * Where each board keeps authored entries: the schedule's day log is a map of entities whose `author` (who
 * logged it) and `changedBy` (who corrected it) name a member; mood-board comments are a list of plain
 * objects with an `author`, and a mood-board card names who made it (its comments and review decisions
 * notify that member, so the name must be the writer's own).
 */
export const AUTHORED: Partial<Record<Board, readonly AuthoredPlace[]>> = {
  schedule: [{ type: 'entities', root: 'dayLog', fields: ['author', 'changedBy'] }],
  moodboard: [
    { type: 'list', root: 'comments' },
    { type: 'entities', root: 'cards', fields: ['author'] },
  ],
};

/**
 * The edit that re-stamps, as `member`, every authored entry `transaction` added or changed under another
 * author; null when there is none (the usual case, found without walking anything the transaction did not
 * touch). Run the edit in the server's own transaction right after, on the same document.
 */
export function authorFixes(
  board: Board,
  transaction: Y.Transaction,
  member: Author,
): ((doc: Y.Doc) => void) | null {
  const fixes = (AUTHORED[board] ?? [])
    .map((where) => placeFixes(where, transaction, member))
    .filter((fix): fix is (doc: Y.Doc) => void => fix !== null);
  if (fixes.length === 0) return null;
  return (doc) => {
    for (const fix of fixes) fix(doc);
  };
}

function placeFixes(
  where: AuthoredPlace,
  transaction: Y.Transaction,
  member: Author,
): ((doc: Y.Doc) => void) | null {
  if (!transaction.doc.share.has(where.root)) return null;
  const vouched = { id: member.id, name: member.name };
  // A root this replica never asked for by type is a plain AbstractType that getMap/getArray replace, and
  // the transaction's `changed` still names that placeholder.
  const placeholder = transaction.doc.share.get(where.root);
  if (where.type === 'entities') {
    const root = transaction.doc.getMap(where.root);
    const fixes = forgedFields(transaction, [root, placeholder], root, where.fields, member);
    if (fixes.length === 0) return null;
    return () => {
      for (const [e, field] of fixes) if (!e._item?.deleted) e.set(field, vouched);
    };
  }
  const list = transaction.doc.getArray(where.root);
  const changed = transaction.changed as Map<unknown, unknown>;
  if (!changed.has(list) && !changed.has(placeholder)) return null;
  const forged = forgedItems(list, transaction, member);
  if (forged.length === 0) return null;
  return (doc) => {
    const target = doc.getArray(where.root);
    for (const item of forged) {
      if (item.deleted) continue;
      const index = indexOfItem(target, item);
      if (index < 0) continue;
      // One item may hold several entries (pushed together): all are re-inserted, each vouched for.
      const entries = item.content
        .getContent()
        .map((entry) => (isRecord(entry) && 'author' in entry ? { ...entry, author: vouched } : entry));
      target.delete(index, entries.length);
      target.insert(index, entries);
    }
  };
}

/** Whether `item` was integrated by `transaction` itself (not by an earlier one). */
export const isNew = (item: Y.Item | null, transaction: Y.Transaction): boolean =>
  item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

const isMember = (value: unknown, member: Author): boolean =>
  isAuthor(value) && value.id === member.id && value.name === member.name;

/** Author fields of `root`'s entities that `transaction` set (on a new entity, or changed) to someone else. */
function forgedFields(
  transaction: Y.Transaction,
  names: readonly unknown[],
  root: Y.Map<unknown>,
  fields: readonly string[],
  member: Author,
): [Y.Map<unknown>, string][] {
  const out: [Y.Map<unknown>, string][] = [];
  const check = (e: Y.Map<unknown>, keys: Iterable<string | null>) => {
    for (const key of keys) {
      if (key === null || !fields.includes(key)) continue;
      const value: unknown = e.get(key);
      if (value !== undefined && value !== null && !isMember(value, member)) out.push([e, key]);
    }
  };
  const changed = transaction.changed as Map<unknown, Set<string | null>>;
  const keys = new Set(names.flatMap((type) => [...(changed.get(type) ?? [])]));
  for (const key of keys) {
    const e: unknown = key === null ? undefined : root.get(key);
    if (e instanceof Y.Map && isNew(e._item, transaction)) check(e, fields);
  }
  for (const [type, keys] of changed) {
    if (type instanceof Y.Map && names.includes(type._item?.parent) && !isNew(type._item, transaction))
      check(type, keys);
  }
  return out;
}

/** The entries of `list` that `transaction` inserted and that name an author other than `member`. */
function forgedItems(list: Y.Array<unknown>, transaction: Y.Transaction, member: Author): Y.Item[] {
  const out: Y.Item[] = [];
  for (let item = list._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (!isNew(item, transaction)) continue; // integrated by an earlier transaction
    for (const entry of item.content.getContent()) {
      if (!isRecord(entry) || !('author' in entry)) continue;
      const author = entry.author;
      if (!isAuthor(author) || author.id !== member.id || author.name !== member.name) {
        out.push(item);
        break;
      }
    }
  }
  return out;
}

function indexOfItem(list: Y.Array<unknown>, target: Y.Item): number {
  let index = 0;
  for (let item = list._start; item !== null; item = item.right) {
    if (item === target) return index;
    if (!item.deleted && item.countable) index += item.length;
  }
  return -1;
}
