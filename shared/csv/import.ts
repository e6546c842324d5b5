/**
 * Applies an import to a scratch copy of the document first; only if every write succeeded is the
 * difference applied to the real document, as one update with the caller's origin. A failure half-way
 * leaves the real document untouched.
 */
import * as Y from 'yjs';

export interface ImportResult {
  added: number;
  updated: number;
}

export function applyAtomically(
  doc: Y.Doc,
  origin: unknown,
  write: (draft: Y.Doc) => ImportResult,
): ImportResult {
  const draft = new Y.Doc();
  try {
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(draft);
    const result = write(draft);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(draft, before), origin ?? null);
    return result;
  } finally {
    draft.destroy();
  }
}
