import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { createMetrics } from '../../server/metrics';
import { GroupCommitter, type Commit, type CommitParticipant } from '../../server/sync/group-commit';
import { gatedStore, openBackend } from './helpers';

/** A participant with one update to store, that records how it was settled. */
function participant(docName: string) {
  const outcome: { durable?: number; held?: boolean } = {};
  let taken = false;
  const p: CommitParticipant = {
    takeCommit(): Commit | null {
      if (taken) return null;
      taken = true;
      return {
        entries: [{ docName, update: new Uint8Array([0, 0]) }],
        durable: (seq) => (outcome.durable = seq),
        held: () => (outcome.held = true),
        failed: () => {},
      };
    },
  };
  return { p, outcome };
}

describe('group commit', () => {
  it('ends a group with the event-loop turn, or after the window while one is asked for', async () => {
    for (const windowMs of [0, 40]) {
      const backend = await openBackend();
      const { store, control } = gatedStore(backend.store);
      const committer = new GroupCommitter(store, createMetrics(), createLogger('silent'), {
        maxHeldBytes: 1024,
        groupWindowMs: () => windowMs,
      });
      const a = participant('p/shotlist');
      const b = participant('p/schedule');
      committer.enqueue(a.p);
      // One event-loop turn later: past the end of a turn's group, well inside the window.
      await new Promise((resolve) => setImmediate(resolve));
      committer.enqueue(b.p);
      await expect
        .poll(() => a.outcome.durable !== undefined && b.outcome.durable !== undefined, { timeout: 5_000 })
        .toBe(true);
      // Without a window the two updates, a turn apart, are two groups; with one they share an append.
      expect(control.appendsStarted).toBe(windowMs === 0 ? 2 : 1);
      await committer.close();
    }
  });
});
