import { afterEach, describe, expect, it } from 'vitest';
import {
  InProcessCompactionLease,
  withLease,
  type CompactionLease,
} from '../../server/sync/compaction-lease';
import { createPostgresLease } from '../../server/cluster/postgres-lease';
import { testLogger } from './helpers/logger';
import { databaseUrlVia, dropSchema, MACHINE_DATABASE_URL, uniqueSchema } from './helpers/postgres';
import { startTcpProxy } from './helpers/tcp-proxy';

const teardown: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

async function leases(
  holders: string[],
  ttlMs = 30_000,
  url = MACHINE_DATABASE_URL,
): Promise<CompactionLease[]> {
  const schema = uniqueSchema();
  teardown.push(() => dropSchema(schema));
  const opened: CompactionLease[] = [];
  for (const holder of holders) {
    const lease = await createPostgresLease({
      connectionString: url,
      schema,
      holder,
      logger: testLogger,
      ttlMs,
    });
    teardown.push(() => lease.close());
    opened.push(lease);
  }
  return opened;
}

describe('PostgreSQL compaction lease', () => {
  it('is held by one instance at a time; each new holder gets a larger fencing token', async () => {
    const [a, b] = await leases(['a', 'b']);
    const first = await a!.tryAcquire('p1/shotlist');
    expect(first.acquired).toBe(true);
    expect(await b!.tryAcquire('p1/shotlist')).toEqual({ acquired: false, reason: 'held' });
    expect((await b!.tryAcquire('p1/schedule')).acquired).toBe(true);
    if (!first.acquired) return;
    await first.lease.release();
    const second = await b!.tryAcquire('p1/shotlist');
    expect(second.acquired && second.lease.fencingToken).toBe(first.lease.fencingToken + 1);
  });

  it('expires when its holder goes silent, and the old holder can no longer release the new lease', async () => {
    const [a, b, c] = await leases(['a', 'b', 'c'], 200);
    const stale = await a!.tryAcquire('p1/breakdown');
    let taken = await b!.tryAcquire('p1/breakdown');
    expect(taken.acquired).toBe(false);
    await expect
      .poll(async () => {
        taken = await b!.tryAcquire('p1/breakdown');
        return taken.acquired;
      })
      .toBe(true);
    if (!stale.acquired || !taken.acquired) throw new Error('both acquisitions should have succeeded');
    expect(taken.lease.fencingToken).toBeGreaterThan(stale.lease.fencingToken);
    await stale.lease.release();
    expect(await c!.tryAcquire('p1/breakdown')).toEqual({ acquired: false, reason: 'held' });
  });

  it('instances starting together all migrate without error, and only one wins a lease', async () => {
    const schema = uniqueSchema();
    teardown.push(() => dropSchema(schema));
    const opened = await Promise.all(
      ['a', 'b', 'c'].map((holder) =>
        createPostgresLease({ connectionString: MACHINE_DATABASE_URL, schema, holder, logger: testLogger }),
      ),
    );
    for (const lease of opened) teardown.push(() => lease.close());
    const outcomes = await Promise.all(opened.map((lease) => lease.tryAcquire('race')));
    expect(outcomes.filter((outcome) => outcome.acquired)).toHaveLength(1);
  });

  it('reports an unreachable database as an outcome, never as a rejection', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    teardown.push(() => proxy.close());
    const [a] = await leases(['a'], 30_000, databaseUrlVia(proxy.port));
    proxy.cut();
    expect(await a!.tryAcquire('p1/costreport')).toEqual({ acquired: false, reason: 'unavailable' });
    const skipped = await withLease(a!, 'p1/costreport', async () => 'compacted');
    expect(skipped).toEqual({ ran: false, reason: 'unavailable' });
    proxy.restore();
    expect(await withLease(a!, 'p1/costreport', async (token) => token)).toEqual({ ran: true, value: 1 });
  });
});

describe('withLease', () => {
  it('releases the lease when the work fails, so the next attempt can run', async () => {
    const local = new InProcessCompactionLease();
    await expect(
      withLease(local, 'doc', async () => {
        throw new Error('snapshot failed');
      }),
    ).rejects.toThrow('snapshot failed');
    expect(await withLease(local, 'doc', async (token) => token)).toEqual({ ran: true, value: 2 });
  });
});
