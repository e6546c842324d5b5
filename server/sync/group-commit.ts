/**
 * Group commit: the updates every room collected during one event-loop turn go to the store in one append
 * (one row per update: merging many small updates costs more CPU than the rows it saves),
 * and each room relays its part only once that append resolved. One append is in flight at a time; what
 * arrives meanwhile forms the next group, so a slow store makes groups larger rather than queues longer.
 *
 * When the store fails or stalls, the committer holds what it could not store in a bounded buffer and retries
 * with backoff, oldest first. Held commits are released at once (live sync goes on from memory, and every
 * client that received an edit keeps it too) but are acknowledged to their writers only when they are
 * durable. Rooms ask `admits` before applying a client's update, so once the buffer is full writers are
 * refused (docs/PROTOCOL.md, "When the store is down") instead of growing memory without end.
 */
import type { AppendEntry, DocumentStore } from '../storage/document-store';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

/** What one room hands to one append, and how it hears the outcome. */
export interface Commit {
  readonly entries: AppendEntry[];
  /** The entries are durable; `seq` is the sequence number of the last one. Called at most once. */
  durable(seq: number): void;
  /**
   * The store failed or stalled: the entries wait in the retry buffer (`durable` follows once they are
   * stored). Called at most once, before `durable`.
   */
  held(): void;
  /** The entries cannot be held (the buffer is full): they will not be stored. */
  failed(error: unknown): void;
}

export interface CommitParticipant {
  /** Closes the participant's current batch and returns it; null when there is nothing. */
  takeCommit(): Commit | null;
}

export interface GroupCommitOptions {
  /** Most bytes of updates held while the store fails. */
  maxHeldBytes: number;
  /** An append unresolved after this long is treated as failing for delivery (it is still awaited). */
  stallMs?: number;
  /**
   * How long a group waits for more updates before it goes to the store; 0 (the usual answer) ends it with
   * the event-loop turn. Asked each time a group opens.
   */
  groupWindowMs?: () => number;
  /** First retry delay; doubles up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * A group that opens at least this long after the previous one goes to the store at the end of the
 * current I/O callback instead of the end of the event-loop turn. On a quiet server nothing else is about to
 * arrive to merge with, and waiting for the turn's other sockets (presence echoes, pongs) only delays the
 * relay: with one tablet editing for 100 others, that wait was most of the server's share of the latency
 * tail. Under load groups open more often than this, and merging per turn still applies.
 */
const QUIET_MS = 10;

/** Entries per retry append: a long outage drains in steps, each durable on its own. */
const RETRY_CHUNK_ENTRIES = 2_000;

function bytesOf(commit: Commit): number {
  let bytes = 0;
  for (const entry of commit.entries) bytes += entry.update.byteLength;
  return bytes;
}

type AppendOutcome = { seqs: number[] } | { error: unknown };

export class GroupCommitter {
  private readonly queued = new Set<CommitParticipant>();
  private scheduled = false;
  private running = false;
  /** When the last group opened (performance.now()). */
  private lastGroupAt = Number.NEGATIVE_INFINITY;
  private idleWaiters: Array<() => void> = [];
  /** Commits the store failed to take, oldest first. */
  private readonly backlog: Commit[] = [];
  /** Commits of the append in flight. */
  private inFlight: Commit[] = [];
  /** The append in flight stalled: its commits were released and count as held until it settles. */
  private stalled = false;
  private heldBytes = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private retrying: Promise<void> | null = null;
  private retryDelay: number;
  private closed = false;
  private readonly stallMs: number;
  private readonly minRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly options: GroupCommitOptions,
  ) {
    this.stallMs = options.stallMs ?? 1_000;
    this.minRetryMs = options.minRetryMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
    this.retryDelay = this.minRetryMs;
  }

  /** True while the store is failing or stalling and commits are held. */
  get degraded(): boolean {
    return this.stalled || this.backlog.length > 0;
  }

  /** Whether a client's update of `bytes` may be applied now: always while the store works. */
  admits(bytes: number): boolean {
    return !this.degraded || this.heldBytes + bytes <= this.options.maxHeldBytes;
  }

  /** Updates of `docName` received but not yet durable, oldest first: a reload must include them. */
  heldUpdates(docName: string): Uint8Array[] {
    const updates: Uint8Array[] = [];
    for (const commit of [...this.inFlight, ...this.backlog])
      for (const entry of commit.entries) if (entry.docName === docName) updates.push(entry.update);
    return updates;
  }

  enqueue(participant: CommitParticipant): void {
    this.queued.add(participant);
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.run();
    };
    const windowMs = this.options.groupWindowMs?.() ?? 0;
    const now = performance.now();
    const quiet = now - this.lastGroupAt >= QUIET_MS;
    this.lastGroupAt = now;
    if (windowMs > 0) setTimeout(go, windowMs);
    // A microtask runs once the callback that read this frame (and any others in the same chunk) returns.
    else if (quiet) queueMicrotask(go);
    // setImmediate runs after the poll phase: every frame read in this turn has been applied by then.
    else setImmediate(go);
  }

  /** Resolves once nothing is queued or being appended (held commits may remain: see `close`). */
  idle(): Promise<void> {
    if (!this.scheduled && !this.running && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Shutdown: one last attempt to store what is held. What still fails is logged; those edits remain on the
   * devices that made or received them and come back when they reconnect.
   */
  async close(): Promise<void> {
    await this.idle();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.stalled && this.backlog.length > 0) await (this.retrying ?? this.startRetry());
    this.closed = true;
    const unstored = [...this.inFlight, ...this.backlog];
    if (unstored.length > 0) {
      this.logger.error(
        {
          updates: unstored.reduce((n, commit) => n + commit.entries.length, 0),
          documents: [...new Set(unstored.flatMap((c) => c.entries.map((e) => e.docName)))],
        },
        'Stopping with updates the store never took; clients hold them and resend them on reconnect',
      );
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queued.size > 0) {
        const commits: Commit[] = [];
        for (const participant of this.queued) {
          const commit = participant.takeCommit();
          if (commit && commit.entries.length > 0) commits.push(commit);
        }
        this.queued.clear();
        if (commits.length === 0) continue;
        if (this.degraded) this.hold(commits);
        else await this.append(commits);
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves when the append settled, or earlier when it stalled (it then settles in the background). */
  private async append(commits: Commit[]): Promise<void> {
    this.inFlight = commits;
    const stop = this.metrics.appendSeconds.startTimer();
    const appended: Promise<AppendOutcome> = this.store
      .append(commits.flatMap((commit) => commit.entries))
      .then(
        (seqs) => ({ seqs }),
        (error: unknown) => ({ error }),
      )
      .finally(stop);
    let timer: NodeJS.Timeout | undefined;
    // A store that neither answers nor fails (a network partition) must not freeze live sync.
    const stall = new Promise<'stalled'>((resolve) => (timer = setTimeout(resolve, this.stallMs, 'stalled')));
    const first = await Promise.race([appended, stall]);
    clearTimeout(timer);
    if (first !== 'stalled') return this.settleAppend(commits, first, false);
    this.stalled = true;
    this.heldBytes += bytesOfAll(commits);
    this.reportHeld();
    this.logger.warn(
      { stallMs: this.stallMs, documents: documentsOf(commits) },
      'Store append is stalling; relaying from memory until it completes',
    );
    for (const commit of commits) this.settle(() => commit.held());
    void appended.then((outcome) => {
      this.stalled = false;
      this.heldBytes -= bytesOfAll(commits);
      this.settleAppend(commits, outcome, true);
    });
  }

  private settleAppend(commits: Commit[], outcome: AppendOutcome, released: boolean): void {
    this.inFlight = [];
    if ('seqs' in outcome) {
      this.deliver(commits, outcome.seqs);
      this.reportHeld();
      // The store answers again: what was held meanwhile goes now.
      if (this.backlog.length > 0 && !this.retrying) void this.startRetry();
      return;
    }
    this.logger.error(
      { err: outcome.error, documents: documentsOf(commits) },
      'Store append failed; holding the updates and retrying',
    );
    // Oldest first: these go ahead of anything held since.
    this.backlog.unshift(...commits);
    this.heldBytes += bytesOfAll(commits);
    this.reportHeld();
    if (!released) for (const commit of commits) this.settle(() => commit.held());
    this.scheduleRetry();
  }

  /** The store is failing: queue behind what is already held, or refuse past the bound. */
  private hold(commits: Commit[]): void {
    for (const commit of commits) {
      const bytes = bytesOf(commit);
      if (this.heldBytes + bytes > this.options.maxHeldBytes) {
        const error = new Error(
          `The store is unavailable and ${this.heldBytes} bytes of updates are already held (limit ${this.options.maxHeldBytes})`,
        );
        this.settle(() => commit.failed(error));
        continue;
      }
      this.backlog.push(commit);
      this.heldBytes += bytes;
      this.settle(() => commit.held());
    }
    this.reportHeld();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    // A stalled append still owns the store; its settling starts the retry.
    if (this.retryTimer || this.retrying || this.stalled || this.closed || this.backlog.length === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.startRetry();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, this.maxRetryMs);
  }

  private startRetry(): Promise<void> {
    this.retrying = this.retry().then((drained) => {
      this.retrying = null;
      if (!drained) this.scheduleRetry();
    });
    return this.retrying;
  }

  /**
   * Stores held commits oldest first, a chunk per append, until the backlog is empty (true) or the store
   * fails again (false).
   */
  private async retry(): Promise<boolean> {
    while (this.backlog.length > 0 && !this.closed) {
      const chunk: Commit[] = [];
      let count = 0;
      for (const commit of this.backlog) {
        if (chunk.length > 0 && count + commit.entries.length > RETRY_CHUNK_ENTRIES) break;
        chunk.push(commit);
        count += commit.entries.length;
      }
      let seqs: number[];
      const stop = this.metrics.appendSeconds.startTimer();
      try {
        seqs = await this.store.append(chunk.flatMap((commit) => commit.entries));
      } catch (error) {
        this.logger.warn(
          { err: error, heldBytes: this.heldBytes, retryInMs: this.retryDelay },
          'Store still unavailable; updates stay held',
        );
        return false;
      } finally {
        stop();
      }
      this.backlog.splice(0, chunk.length);
      this.heldBytes -= bytesOfAll(chunk);
      this.reportHeld();
      this.deliver(chunk, seqs);
    }
    if (this.backlog.length > 0) return false;
    this.retryDelay = this.minRetryMs;
    this.logger.info('Store is back; every held update is durable');
    return true;
  }

  private deliver(commits: Commit[], seqs: number[]): void {
    let last = -1;
    for (const commit of commits) {
      last += commit.entries.length;
      const seq = seqs[last]!;
      this.settle(() => commit.durable(seq));
    }
  }

  private reportHeld(): void {
    this.metrics.heldBytes.set(this.heldBytes);
  }

  /** A bug in one room's relay must not leave the other rooms of the group unsettled. */
  private settle(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: error }, 'Settling a commit failed');
    }
  }
}

function bytesOfAll(commits: Commit[]): number {
  return commits.reduce((sum, commit) => sum + bytesOf(commit), 0);
}

function documentsOf(commits: Commit[]): string[] {
  return [...new Set(commits.flatMap((commit) => commit.entries.map((entry) => entry.docName)))];
}
