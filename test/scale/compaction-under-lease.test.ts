/**
 * Two server processes on one PostgreSQL schema compact a document they both edit under the compaction
 * lease: every compaction takes a newer fencing token, the store records the token it accepted, and a fresh
 * load still holds every edit.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { documentName } from '../../shared/boards';
import { createProduction, stopSpawned } from '../helpers/test-server';
import { openClient, PROBE } from './helpers/clients';
import { clusterBackends, startPair, storedState, type ClusterBackends } from './helpers/cluster';

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}-${from + i}`);

/** The lease row and the token the store accepted with the current snapshot, straight from the tables. */
async function fencing(backends: ClusterBackends, docName: string) {
  const client = new pg.Client({ connectionString: backends.databaseUrl });
  await client.connect();
  try {
    const lease = await client.query<{ token: string }>(
      'SELECT token FROM setboard.setboard_cluster_leases WHERE resource = $1',
      [docName],
    );
    const snapshot = await client.query<{ fencing_token: string | null }>(
      'SELECT fencing_token FROM setboard.snapshots WHERE doc_name = $1',
      [docName],
    );
    return {
      leaseToken: Number(lease.rows[0]?.token ?? 0),
      storedToken: Number(snapshot.rows[0]?.fencing_token ?? 0),
    };
  } finally {
    await client.end();
  }
}

describe('compaction under the lease', { timeout: 60_000 }, () => {
  it('two instances editing one document: tokens rise, the log is folded, nothing is lost', async () => {
    const backends = await clusterBackends();
    const [a, b] = await startPair(backends);
    const { productionId, ownerToken } = await createProduction(a.origin);
    const docName = documentName(productionId, 'schedule');
    const onA = await openClient(a.wsOrigin, productionId, ownerToken);
    const onB = await openClient(b.wsOrigin, productionId, ownerToken);

    const round = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        onA.add(`a-${i}`);
        onB.add(`b-${i}`);
      }
      const everything = [...range('a', 0, to), ...range('b', 0, to)].sort();
      // Both instances' compactors are due (200 ms debounce); whichever holds the lease folds both logs.
      await expect
        .poll(() => storedState(backends, docName, PROBE), { timeout: 10_000 })
        .toEqual({ items: everything, logRows: 0 });
      for (const client of [onA, onB]) {
        await expect.poll(() => client.items(), { timeout: 10_000 }).toEqual(everything);
      }
      return fencing(backends, docName);
    };

    const first = await round(0, 10);
    expect(first.storedToken).toBeGreaterThanOrEqual(1);
    expect(first.storedToken).toBeLessThanOrEqual(first.leaseToken);

    const second = await round(10, 20);
    expect(second.storedToken).toBeGreaterThan(first.storedToken);
    expect(second.storedToken).toBeLessThanOrEqual(second.leaseToken);

    const trouble = (line: string) =>
      /Compaction (failed|fenced off)|Compaction lease store failed/.test(line);
    expect([...a.lines, ...b.lines].filter(trouble)).toEqual([]);
    // A graceful stop compacts what it unloads under the lease and closes the lease only after that.
    expect(await Promise.all([stopSpawned(a), stopSpawned(b)])).toEqual([0, 0]);
    expect((await storedState(backends, docName, PROBE)).items).toHaveLength(40);
  });
});
