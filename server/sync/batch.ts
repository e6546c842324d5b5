/**
 * The updates of one room that go to the store together, and what waits for them: the relay and answers built
 * from the document while they were pending wait for the batch's release (durable, or held by the committer
 * while the store is down); the writers' acknowledgements wait for durability.
 */
import * as Y from 'yjs';
import type { Connection } from './connection';
import type { TransactionOrigin } from './origin';

/**
 * Y.mergeUpdates grows faster than linearly with the number of updates (about 200 ms for 1,000 small ones,
 * 6 s for 10,000); merging in chunks and then merging the chunks keeps a burst near linear.
 */
const MERGE_CHUNK = 64;

function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0]!;
  if (updates.length <= MERGE_CHUNK) return Y.mergeUpdates(updates);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += MERGE_CHUNK)
    parts.push(Y.mergeUpdates(updates.slice(i, i + MERGE_CHUNK)));
  return mergeUpdates(parts);
}

/**
 * Relaying N updates to R receivers costs N x R sends unmerged, or one merge and R sends merged. A merge
 * costs about as much as a few dozen sends per update, so it pays off only with several receivers.
 */
const MERGE_MIN_RECEIVERS = 4;

export class Batch {
  readonly writers = new Set<Connection>();
  /** The batch's updates, in arrival order (each becomes one log row). */
  readonly updates: Uint8Array[] = [];
  /** Resolves once durable; rejects if it will never be. */
  readonly done: Promise<void>;
  /** Relayed (durable, or held by the committer while the store is down) or failed. */
  readonly released: Promise<void>;
  private isReleased = false;
  private readonly waiting: Array<() => void> = [];
  private markReleased!: () => void;
  private fromServer = false;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;

  constructor(readonly origin: TransactionOrigin) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A failed batch is reported by the room; nobody has to be listening to its promise.
    this.done.catch(() => {});
    this.released = new Promise<void>((resolve) => (this.markReleased = resolve));
  }

  add(update: Uint8Array, writer: Connection | null, origin: TransactionOrigin): void {
    this.updates.push(update);
    if (writer) this.writers.add(writer);
    if (origin.source === 'server') this.fromServer = true;
  }

  /** Runs fn once the batch is released (answers built while it was pending go out in order after it). */
  then(fn: () => void): void {
    if (this.isReleased) fn();
    else this.waiting.push(fn);
  }

  get wasReleased(): boolean {
    return this.isReleased;
  }

  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    for (const fn of this.waiting.splice(0)) fn();
    this.markReleased();
  }

  /** The updates to relay to `receivers` sockets: merged into one when that is cheaper. */
  relayed(receivers: number): Uint8Array[] {
    if (this.updates.length > 1 && receivers >= MERGE_MIN_RECEIVERS) return [mergeUpdates(this.updates)];
    return this.updates;
  }

  /** The one connection all updates came from, which needs no echo of its own edits. */
  soleWriter(): Connection | null {
    if (this.fromServer || this.writers.size !== 1) return null;
    return this.writers.values().next().value ?? null;
  }

  /** Durable. */
  settle(): void {
    this.release();
    this.resolve();
  }

  fail(error: unknown): void {
    this.isReleased = true;
    this.waiting.length = 0;
    this.markReleased();
    this.reject(error);
  }
}
