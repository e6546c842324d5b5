/**
 * Group commit: the updates every room collected during one event-loop turn go to the store in one append
 * (one row per update: merging many small updates costs more CPU than the rows it saves),
 * and each room relays its part only once that append resolved. One append is in flight at a time; what
 * arrives meanwhile forms the next group, so a slow store makes groups larger rather than queues longer.
 */
import type { AppendEntry, DocumentStore } from '../storage/document-store';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

export interface CommitParticipant {
  /** Closes the participant's current batch and returns its entries; null when there is nothing. */
  takeBatch(): AppendEntry[] | null;
  /** The batch is durable; `seq` is the sequence number of its last entry. */
  committed(seq: number): void;
  failed(error: unknown): void;
}

export class GroupCommitter {
  private readonly queued = new Set<CommitParticipant>();
  private scheduled = false;
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  enqueue(participant: CommitParticipant): void {
    this.queued.add(participant);
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every frame read in this turn has been applied by then.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  /** Resolves once nothing is queued or being appended. */
  idle(): Promise<void> {
    if (!this.scheduled && !this.running && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queued.size > 0) {
        const participants: CommitParticipant[] = [];
        const lastIndex: number[] = [];
        const entries: AppendEntry[] = [];
        for (const participant of this.queued) {
          const batch = participant.takeBatch();
          if (!batch || batch.length === 0) continue;
          participants.push(participant);
          entries.push(...batch);
          lastIndex.push(entries.length - 1);
        }
        this.queued.clear();
        if (entries.length > 0) await this.append(participants, lastIndex, entries);
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async append(
    participants: CommitParticipant[],
    lastIndex: number[],
    entries: AppendEntry[],
  ): Promise<void> {
    const stop = this.metrics.appendSeconds.startTimer();
    let seqs: number[];
    try {
      seqs = await this.store.append(entries);
    } catch (error) {
      stop();
      this.logger.error(
        { err: error, documents: [...new Set(entries.map((entry) => entry.docName))] },
        'Store append failed; the affected documents close their connections',
      );
      for (const participant of participants) this.settle(() => participant.failed(error));
      return;
    }
    stop();
    participants.forEach((participant, i) => this.settle(() => participant.committed(seqs[lastIndex[i]!]!)));
  }

  /** A bug in one room's relay must not leave the other rooms of the group unsettled. */
  private settle(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: error }, 'Settling a committed batch failed');
    }
  }
}
