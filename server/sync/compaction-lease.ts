/**
 * Compaction of a document is done by one instance at a time. The lease says who; the fencing token makes
 * it safe when the lease says wrong (a holder paused past its expiry while another took over): the store
 * refuses a compaction whose token is older than one it has already accepted for the document.
 */

export interface Lease {
  readonly resource: string;
  /** Increases by one each time the lease changes hands; never reused, never goes back. */
  readonly fencingToken: number;
  /** Gives the lease back early. Never throws: an expired or taken-over lease is simply not ours anymore. */
  release(): Promise<void>;
}

export type LeaseOutcome =
  | { acquired: true; lease: Lease }
  /** `held`: another instance is compacting (expected). `unavailable`: the lease store did not answer. */
  | { acquired: false; reason: 'held' | 'unavailable' };

export interface CompactionLease {
  /** Resolves in every case; losing the race is an outcome, not an error. */
  tryAcquire(resource: string): Promise<LeaseOutcome>;
  close(): Promise<void>;
}

/**
 * Runs `work` under the lease and releases it after, whatever `work` does. Returns `skipped` when the lease
 * was not ours; rejects only when `work` does. A lease store that breaks its promise never to reject is
 * reported to `onLeaseError` and treated as `unavailable` (acquire) or as a lease left to expire (release):
 * a compaction skipped or a lease held until its expiry costs little, an unhandled rejection kills the process.
 */
export async function withLease<T>(
  leases: CompactionLease,
  resource: string,
  work: (fencingToken: number) => Promise<T>,
  onLeaseError: (error: unknown, stage: 'acquire' | 'release') => void = () => {},
): Promise<{ ran: true; value: T } | { ran: false; reason: 'held' | 'unavailable' }> {
  let outcome: LeaseOutcome;
  try {
    outcome = await leases.tryAcquire(resource);
  } catch (error) {
    onLeaseError(error, 'acquire');
    return { ran: false, reason: 'unavailable' };
  }
  if (!outcome.acquired) return { ran: false, reason: outcome.reason };
  try {
    return { ran: true, value: await work(outcome.lease.fencingToken) };
  } finally {
    try {
      await outcome.lease.release();
    } catch (error) {
      onLeaseError(error, 'release');
    }
  }
}

/**
 * One process: every acquisition succeeds unless the same resource is already held here. Its tokens start
 * again at 1 with each process, so it suits a store that never saw a token (tests), never a persistent store
 * that a token from an earlier run would fence for good.
 */
export class InProcessCompactionLease implements CompactionLease {
  private readonly tokens = new Map<string, number>();
  private readonly held = new Set<string>();

  async tryAcquire(resource: string): Promise<LeaseOutcome> {
    if (this.held.has(resource)) return { acquired: false, reason: 'held' };
    const fencingToken = (this.tokens.get(resource) ?? 0) + 1;
    this.tokens.set(resource, fencingToken);
    this.held.add(resource);
    return {
      acquired: true,
      lease: {
        resource,
        fencingToken,
        release: async () => {
          if (this.tokens.get(resource) === fencingToken) this.held.delete(resource);
        },
      },
    };
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}
