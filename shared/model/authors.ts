/**
 * Entries shown "by X" (schedule day-log entries, mood-board comments) carry the author the writing tablet
 * put there, and a tablet can put anyone there. The server vouches for them: after it applied a member's
 * update, `authorFixes` finds the authored entries that update added and, for each that names someone else,
 * gives the edit that re-stamps it with the member who sent it (as awareness `user` is stamped from the
 * token). Authored entries are plain objects in append-only lists, so "added" is all there is to check: an
 * edit of one is a delete plus an insert.
 */
import * as Y from 'yjs';
import type { Board } from '../boards';
import { isAuthor, isRecord } from './fields';
import type { Author } from './schedule-types';

/** The root list of each board whose entries carry an `author`. */
export const AUTHORED_LISTS: Partial<Record<Board, string>> = { schedule: 'log', moodboard: 'comments' };

/**
 * The edit that re-stamps, as `member`, every authored entry `transaction` added under another author; null
 * when there is none (the usual case, found without walking a list the transaction did not touch). Run the
 * edit in the server's own transaction right after, on the same document.
 */
export function authorFixes(
  board: Board,
  transaction: Y.Transaction,
  member: Author,
): ((doc: Y.Doc) => void) | null {
  const root = AUTHORED_LISTS[board];
  if (root === undefined || !transaction.doc.share.has(root)) return null;
  const list = transaction.doc.getArray(root);
  if (!(transaction.changed as Map<unknown, unknown>).has(list)) return null;
  const forged = forgedItems(list, transaction, member);
  if (forged.length === 0) return null;
  return (doc) => {
    const target = doc.getArray(root);
    // Positions are re-found at edit time: the edit runs right after, but nothing relies on it.
    for (const item of forged) {
      if (item.deleted) continue;
      const index = indexOfItem(target, item);
      if (index < 0) continue;
      // One item may hold several entries (pushed together): all are re-inserted, each vouched for.
      const entries = item.content
        .getContent()
        .map((entry) =>
          isRecord(entry) && 'author' in entry
            ? { ...entry, author: { id: member.id, name: member.name } }
            : entry,
        );
      target.delete(index, entries.length);
      target.insert(index, entries);
    }
  };
}

/** The entries of `list` that `transaction` inserted and that name an author other than `member`. */
function forgedItems(list: Y.Array<unknown>, transaction: Y.Transaction, member: Author): Y.Item[] {
  const out: Y.Item[] = [];
  for (let item = list._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const before = transaction.beforeState.get(item.id.client) ?? 0;
    if (item.id.clock < before) continue; // integrated by an earlier transaction
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
