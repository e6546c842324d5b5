/**
 * Debounced, atomic compaction of one document: after a quiet period, the document's full state (merged with
 * the store's) replaces the log rows it covers, in one store transaction (store.compact). Folding the log
 * keeps loads fast.
 */
import type { Logger } from '../logger';
import type { DocumentStore } from '../storage/document-store';
import { withLease, type CompactionLease } from './compaction-lease';

export interface CompactionSource {
  /** True while updates are applied but not yet durable: a snapshot now would hold edits the log lacks. */
  busy(): boolean;
  /** Sequence number of this room's last durable update. */
  seq(): number;
  /**
   * Folds what the store holds into the document and returns the store's last seq with the document's full
   * state. Other instances append to the same log: a snapshot of this room's memory alone, compacted through
   * its own last seq, would delete their rows it never received.
   */
  prepare(): Promise<{ throughSeq: number; snapshot: Uint8Array }>;
}

/** A zero debounce must not turn waiting for a crashed holder's lease to expire into a busy loop. */
const HELD_RETRY_MIN_MS = 250;

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
    /** Taken around each compaction when several instances share the store; its token fences the store. */
    private readonly lease?: CompactionLease,
  ) {
    this.compactedSeq = compactedSeq;
  }

  /** (Re)starts the quiet period. */
  schedule(delayMs = this.debounceMs): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.compact();
    }, delayMs);
    this.timer.unref();
  }

  /** Compacts now if there is anything to fold and nothing pending (the next commit schedules again). */
  compact(): Promise<void> {
    if (this.running) return this.running;
    if (this.stopped || this.source.busy() || this.source.seq() <= this.compactedSeq)
      return Promise.resolve();
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      if (!this.lease) return await this.fold(undefined);
      const outcome = await withLease(
        this.lease,
        this.docName,
        (fencingToken) => this.fold(fencingToken),
        (error, stage) =>
          this.logger.warn({ err: error, doc: this.docName, stage }, 'Compaction lease store failed'),
      );
      if (outcome.ran) return;
      // Losing the lease is expected: another instance is compacting the same log.
      this.logger.debug({ doc: this.docName, reason: outcome.reason }, 'Compaction skipped');
      // The holder may have read the store before our last rows landed; without another try they would
      // wait for the next edit or load. A store that is down is not retried: the next commit schedules.
      if (outcome.reason === 'held') this.schedule(Math.max(this.debounceMs, HELD_RETRY_MIN_MS));
    } catch (error) {
      // Runs from a timer: nothing may escape as an unhandled rejection.
      this.logger.warn({ err: error, doc: this.docName }, 'Compaction failed');
    }
  }

  private async fold(fencingToken: number | undefined): Promise<void> {
    let throughSeq = 0;
    try {
      const prepared = await this.source.prepare();
      throughSeq = prepared.throughSeq;
      if (throughSeq <= this.compactedSeq) return;
      const outcome = await this.store.compact(this.docName, prepared.snapshot, throughSeq, fencingToken);
      if (outcome === 'fenced') {
        // Our lease expired while we worked and a newer holder compacted: its snapshot stands, ours is
        // dropped, and the rows we covered stay until the next compaction.
        this.logger.info({ doc: this.docName, throughSeq, fencingToken }, 'Compaction fenced off');
        return;
      }
      this.compactedSeq = Math.max(this.compactedSeq, throughSeq);
    } catch (error) {
      this.logger.warn({ err: error, doc: this.docName, throughSeq, fencingToken }, 'Compaction failed');
    }
  }

  /** No more compactions; resolves once a running one finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
