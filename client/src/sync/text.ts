/**
 * Writes an input's new value into a shared text as the smallest edit (common prefix and suffix kept), so
 * two people typing in one description both keep their characters.
 */
import type * as Y from 'yjs';

export function textEdit(
  before: string,
  after: string,
): { index: number; remove: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

export function applyTextEdit(text: Y.Text, after: string): void {
  const edit = textEdit(text.toString(), after);
  if (!edit) return;
  if (edit.remove > 0) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}
