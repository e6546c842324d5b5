/**
 * The updates of one room that go to the store together, and what waits for them to be durable: the relay,
 * the writers' acknowledgements, and answers built from the document while they were pending.
 */
import * as Y from 'yjs';
import type { Connection } from './connection';
import type { TransactionOrigin } from './origin';

export class Batch {
  readonly writers = new Set<Connection>();
  /** The merged update, set when the batch closes. */
  update: Uint8Array = new Uint8Array();
  /** The document's state vector when the batch closed: what the writers may call saved. */
  ackStateVector: Uint8Array | null = null;
  readonly done: Promise<void>;
  private readonly updates: Uint8Array[] = [];
  private readonly waiting: Array<() => void> = [];
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
  }

  add(update: Uint8Array, writer: Connection | null, origin: TransactionOrigin): void {
    this.updates.push(update);
    if (writer) this.writers.add(writer);
    if (origin.source === 'server') this.fromServer = true;
  }

  then(fn: () => void): void {
    this.waiting.push(fn);
  }

  /** Merges the batch's updates into one (one log row, one relayed frame). */
  close(doc: Y.Doc): Uint8Array {
    this.update = this.updates.length === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates);
    this.updates.length = 0;
    if (this.writers.size > 0) this.ackStateVector = Y.encodeStateVector(doc);
    return this.update;
  }

  /** The one connection all updates came from, which needs no echo of its own edits. */
  soleWriter(): Connection | null {
    if (this.fromServer || this.writers.size !== 1) return null;
    return this.writers.values().next().value ?? null;
  }

  settle(): void {
    for (const fn of this.waiting) fn();
    this.resolve();
  }

  fail(error: unknown): void {
    this.reject(error);
  }
}
