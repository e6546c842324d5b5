/**
 * A deterministic network of Yjs replicas for property tests: every local update is queued for every other
 * replica, and the test decides which queued update arrives where and when (out of order included).
 */
import * as Y from 'yjs';

const REMOTE = Symbol('remote');

export class Replicas {
  readonly docs: Y.Doc[];
  /** queues[from][to]: updates `from` made that `to` has not received. */
  private readonly queues: Uint8Array[][][];

  constructor(count: number, seedState?: Uint8Array) {
    this.docs = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc();
      // fixed client ids make the run repeatable for a seed
      doc.clientID = 1_000 + i;
      if (seedState) Y.applyUpdate(doc, seedState, REMOTE);
      return doc;
    });
    this.queues = this.docs.map(() => this.docs.map(() => []));
    this.docs.forEach((doc, from) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        this.docs.forEach((_, to) => {
          if (to !== from) this.queues[from]![to]!.push(update);
        });
      });
    });
  }

  /** Delivers one queued update from `from` to `to`, picked by `pick` (so not always the oldest). */
  deliverOne(from: number, to: number, pick: number): void {
    const queue = this.queues[from]![to]!;
    if (queue.length === 0) return;
    const [update] = queue.splice(pick % queue.length, 1);
    Y.applyUpdate(this.docs[to]!, update!, REMOTE);
  }

  /** Delivers everything still queued, newest first, so the last exchange is out of order too. */
  flush(): void {
    for (let from = 0; from < this.docs.length; from++) {
      for (let to = 0; to < this.docs.length; to++) {
        const queue = this.queues[from]![to]!;
        while (queue.length) Y.applyUpdate(this.docs[to]!, queue.pop()!, REMOTE);
      }
    }
  }

  destroy(): void {
    for (const doc of this.docs) doc.destroy();
  }
}
