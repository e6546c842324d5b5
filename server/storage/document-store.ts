/**
 * Where board documents live on disk: a compacted snapshot plus an append-only log of updates after it.
 * Two implementations (embedded SQLite, PostgreSQL) pass one contract suite (test/storage/contract.ts).
 */

export interface StoredDocument {
  /** The last compacted state (a Yjs update), or null if the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in append order. */
  updates: Uint8Array[];
  /** Sequence number of the last update in `updates` (or of the last one folded into the snapshot); 0 if none. */
  seq: number;
}

export interface AppendEntry {
  docName: string;
  update: Uint8Array;
}

/**
 * `compacted`: the snapshot was stored and the log trimmed. `superseded`: the stored snapshot already covers
 * more than `throughSeq` (a late compaction), so nothing changed. `fenced`: a compaction with a newer fencing
 * token was accepted before, so nothing changed.
 */
export type CompactOutcome = 'compacted' | 'superseded' | 'fenced';

export interface DocumentStore {
  /** Everything needed to rebuild a document. An unknown document loads as empty, not as an error. */
  load(docName: string): Promise<StoredDocument>;
  /**
   * Appends every entry (possibly of many documents) in one transaction and resolves once it is durable
   * against a process crash. Returns the sequence number given to each entry, in order.
   * Sequence numbers increase per document.
   */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /**
   * Atomically: store `snapshot` as the document's state and delete the log rows with seq <= `throughSeq`.
   * `snapshot` must include every update up to `throughSeq`; rows after it stay and replay on top.
   *
   * `fencingToken` is the compaction lease's token. The store keeps the highest token it accepted per
   * document and refuses (changes nothing, resolves `fenced`) a compaction with a lower one: a holder that
   * paused past its lease's expiry must not overwrite what the next holder wrote. Without a token the
   * compaction is not fenced (one process, no lease). Refusals are outcomes, never rejections.
   */
  compact(
    docName: string,
    snapshot: Uint8Array,
    throughSeq: number,
    fencingToken?: number,
  ): Promise<CompactOutcome>;
  /** Remove a document entirely (snapshot and log). */
  delete(docName: string): Promise<void>;
  /** True when the store can serve requests (for /readyz). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    message: string,
    readonly docName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
