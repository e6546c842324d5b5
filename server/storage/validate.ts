/** Checks shared by both document stores, so both reject the same bad input with the same message. */
import { StorageError } from './document-store';
import type { AppendEntry } from './document-store';

/**
 * Called inside the append transaction, entry by entry: a bad entry in the middle of a batch aborts the whole
 * batch, including the entries already written before it.
 */
export function checkEntry(entry: AppendEntry, index: number): void {
  if (typeof entry?.docName !== 'string' || entry.docName.length === 0) {
    throw new StorageError(`Append entry ${index} has no document name`);
  }
  if (!(entry.update instanceof Uint8Array)) {
    throw new StorageError(`Append entry ${index} for ${entry.docName} has no update bytes`, entry.docName);
  }
}

/**
 * A compaction past the newest seq would hide the next appends (they would get seqs the snapshot claims to
 * include), so it is refused rather than stored.
 */
export function checkThroughSeq(docName: string, throughSeq: number, latestSeq: number): void {
  if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) {
    throw new StorageError(`Compact of ${docName}: throughSeq ${throughSeq} is not a seq`, docName);
  }
  if (throughSeq > latestSeq) {
    throw new StorageError(
      `Compact of ${docName}: throughSeq ${throughSeq} is past the latest seq ${latestSeq}`,
      docName,
    );
  }
}

/** Tokens are bigint in PostgreSQL and compared as numbers; anything else is a caller's bug. */
export function checkFencingToken(docName: string, fencingToken: number | undefined): void {
  if (fencingToken === undefined) return;
  if (!Number.isSafeInteger(fencingToken) || fencingToken < 0) {
    throw new StorageError(`Compact of ${docName}: fencing token ${fencingToken} is not a token`, docName);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
