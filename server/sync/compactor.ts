/**
 * Debounced, atomic compaction of one document: after a quiet period, the document's full state replaces
 * the log rows it covers, in one store transaction (store.compact). Folding the log keeps loads fast.
 */
import type { Logger } from '../logger';
import type { DocumentStore } from '../storage/document-store';

export interface CompactionSource {
  /** True while updates are applied but not yet durable: a snapshot now would hold edits the log lacks. */
  busy(): boolean;
  /** Sequence number of the last durable update. */
  seq(): number;
  /** The document's full state (a Yjs update). */
  snapshot(): Uint8Array;
}

export class Compactor {
  private compactedSeq: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly docName: string,
    private readonly store: DocumentStore,
    private readonly source: CompactionSource,
    private readonly debounceMs: number,
    private readonly logger: Logger,
    /** The sequence number the stored snapshot already covers; -1 when the log has rows after it. */
    compactedSeq: number,
  ) {
    this.compactedSeq = compactedSeq;
  }

  /** (Re)starts the quiet period. */
  schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.compact();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Compacts now if there is anything to fold and nothing pending (the next commit schedules again). */
  compact(): Promise<void> {
    if (this.running) return this.running;
    const throughSeq = this.source.seq();
    if (this.stopped || this.source.busy() || throughSeq <= this.compactedSeq) return Promise.resolve();
    this.running = this.store
      .compact(this.docName, this.source.snapshot(), throughSeq)
      .then(
        () => {
          this.compactedSeq = Math.max(this.compactedSeq, throughSeq);
        },
        (error: unknown) => {
          this.logger.warn({ err: error, doc: this.docName, throughSeq }, 'Compaction failed');
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** No more compactions; resolves once a running one finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
