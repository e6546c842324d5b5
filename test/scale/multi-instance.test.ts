/**
 * Several server processes on one PostgreSQL database and one Redis: stock clients on different instances
 * converge, and each fault of the scale-out design has its defined outcome.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createProduction, stopSpawned } from '../helpers/test-server';
import { openClient, PROBE } from './helpers/clients';
import { documentName } from '../../shared/boards';
import {
  clusterBackends,
  seedDocument,
  startInstance,
  startInstances,
  startPair,
  storedItems,
  storedState,
} from './helpers/cluster';
import { startPrivateRedis } from './helpers/redis';
import { startTcpProxy } from './helpers/tcp-proxy';
import { CloseCode } from '../../shared/close-codes';

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Server processes take seconds each to start on a loaded two-core machine. */
const SLOW = { timeout: 90_000 };

/** Two instances on one cluster; the first reaches PostgreSQL through a proxy the test can cut. */
async function pairWithCuttablePostgres(env: Record<string, string> = {}) {
  const backends = await clusterBackends();
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  onTestFinished(() => proxy.close());
  const cutOff = await startInstance(backends, {
    ...env,
    DATABASE_URL: backends.databaseUrl.replace(':5432/', `:${proxy.port}/`),
  });
  const healthy = await startInstance(backends);
  return { backends, proxy, cutOff, healthy };
}

describe('several instances', SLOW, () => {
  it('three instances: clients on each converge and see each other', async () => {
    const backends = await clusterBackends();
    const instances = await startInstances(backends, 3);
    const production = await createProduction(instances[0]!.origin);
    const clients = await Promise.all(
      instances.map((instance) =>
        openClient(instance.wsOrigin, production.productionId, production.ownerToken),
      ),
    );
    clients.forEach((client, i) => {
      client.add(`from-${i}`);
      client.provider.awareness.setLocalStateField('cursor', { instance: i });
    });
    const expected = ['from-0', 'from-1', 'from-2'];
    for (const client of clients) {
      await expect.poll(() => client.items(), { timeout: 10_000 }).toEqual(expected);
      await expect.poll(() => client.provider.awareness.getStates().size, { timeout: 10_000 }).toBe(3);
    }
  });

  it('two instances loading the same cold document at once end with the same state', async () => {
    const backends = await clusterBackends();
    const [a, b] = await startPair(backends);
    const { productionId, ownerToken } = await createProduction(a.origin);
    await seedDocument(backends, documentName(productionId, 'schedule'), PROBE, ['seed']);

    const [onA, onB] = await Promise.all([
      openClient(a.wsOrigin, productionId, ownerToken),
      openClient(b.wsOrigin, productionId, ownerToken),
    ]);
    onA.add('from-a');
    onB.add('from-b');
    const expected = ['from-a', 'from-b', 'seed'];
    await expect.poll(() => onA.items(), { timeout: 10_000 }).toEqual(expected);
    await expect.poll(() => onB.items(), { timeout: 10_000 }).toEqual(expected);
  });
});

describe('faults', SLOW, () => {
  it('kill -9 of an instance during edits: nothing any client received is lost, survivors converge', async () => {
    const backends = await clusterBackends();
    const [doomed, survivor] = await startPair(backends);
    const { productionId, ownerToken } = await createProduction(survivor.origin);
    const docName = documentName(productionId, 'schedule');
    const onDoomed = await openClient(doomed.wsOrigin, productionId, ownerToken);
    const onSurvivor = await openClient(survivor.wsOrigin, productionId, ownerToken);

    for (let i = 0; i < 10; i++) onDoomed.add(`doomed-${i}`);
    await expect.poll(() => onSurvivor.items()).toEqual(range('doomed', 10).sort());
    for (let i = 10; i < 20; i++) {
      onDoomed.add(`doomed-${i}`);
      onSurvivor.add(`survivor-${i - 10}`);
    }
    // Some of these are still on their way (not yet stored, not yet relayed) when the process dies.
    await stopSpawned(doomed, 'SIGKILL');
    await expect.poll(() => onDoomed.provider.wsconnected).toBe(false);
    for (let i = 10; i < 25; i++) onSurvivor.add(`survivor-${i}`);
    await expect
      .poll(() => onSurvivor.items().filter((item) => item.startsWith('survivor')))
      .toHaveLength(25);

    // What the survivor's client received from the dead instance was stored before it was relayed.
    const received = onSurvivor.items().filter((item) => item.startsWith('doomed'));
    expect(received.length).toBeGreaterThanOrEqual(10);
    expect(await storedItems(backends, docName, PROBE)).toEqual(expect.arrayContaining(received));
    // Its own edits are stored once the survivor's group commit ran.
    await expect
      .poll(() => storedItems(backends, docName, PROBE))
      .toEqual(expect.arrayContaining([...received, ...range('survivor', 25)]));

    // The orphaned tablet reconnects to the survivor with its document, offline edits included.
    onDoomed.provider.destroy();
    onDoomed.add('doomed-offline');
    const reconnected = await openClient(survivor.wsOrigin, productionId, ownerToken, { doc: onDoomed.doc });
    const everything = [...range('doomed', 20), 'doomed-offline', ...range('survivor', 25)].sort();
    for (const client of [reconnected, onSurvivor]) {
      await expect.poll(() => client.items(), { timeout: 10_000 }).toEqual(everything);
    }
    await expect.poll(() => storedItems(backends, docName, PROBE)).toEqual(everything);
  });

  it('Redis restart: instances reconnect and resync, clients converge without reconnecting', async () => {
    const redis = await startPrivateRedis();
    onTestFinished(() => redis.stop());
    const backends = await clusterBackends(redis.url);
    const [a, b] = await startPair(backends);
    const { productionId, ownerToken } = await createProduction(a.origin);
    const onA = await openClient(a.wsOrigin, productionId, ownerToken);
    const onB = await openClient(b.wsOrigin, productionId, ownerToken);
    onA.add('before');
    await expect.poll(() => onB.items()).toEqual(['before']);

    await redis.crash();
    await expect.poll(async () => (await fetch(`${a.origin}/readyz`)).status).toBe(503);
    onA.add('during-a');
    onB.add('during-b');
    await redis.start();
    await expect.poll(async () => (await fetch(`${a.origin}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    onA.add('after-a');
    onB.add('after-b');

    const expected = ['after-a', 'after-b', 'before', 'during-a', 'during-b'];
    await expect.poll(() => onA.items(), { timeout: 10_000 }).toEqual(expected);
    await expect.poll(() => onB.items(), { timeout: 10_000 }).toEqual(expected);
    expect(onA.closes).toEqual([]);
    expect(onB.closes).toEqual([]);
  });

  it('PostgreSQL unreachable past the retry buffer: the writer is closed with 1013 (try again later), readers stay, nothing is lost', async () => {
    const { backends, proxy, cutOff, healthy } = await pairWithCuttablePostgres({
      SETBOARD_STORE_RETRY_BUFFER_BYTES: '2048',
    });
    const { productionId, ownerToken } = await createProduction(healthy.origin);
    const writer = await openClient(cutOff.wsOrigin, productionId, ownerToken);
    const sameInstance = await openClient(cutOff.wsOrigin, productionId, ownerToken);
    const otherInstance = await openClient(healthy.wsOrigin, productionId, ownerToken);

    proxy.cut();
    const first = 'a'.repeat(1500);
    const second = 'b'.repeat(1500);
    writer.add(first);
    for (const reader of [sameInstance, otherInstance])
      await expect.poll(() => reader.items(), { timeout: 10_000 }).toEqual([first]);
    writer.add(second); // 3,000 bytes would be held: over the bound
    await expect.poll(() => writer.closes, { timeout: 10_000 }).toContain(CloseCode.StorageUnavailable);
    expect(sameInstance.items()).toEqual([first]);

    proxy.restore();
    for (const client of [writer, sameInstance, otherInstance])
      await expect.poll(() => client.items(), { timeout: 20_000 }).toEqual([first, second]);
    await expect
      .poll(() => storedItems(backends, documentName(productionId, 'schedule'), PROBE), { timeout: 10_000 })
      .toEqual([first, second]);
    expect(sameInstance.closes).toEqual([]);
    expect(otherInstance.closes).toEqual([]);
  });

  it('PostgreSQL unreachable: /readyz says so, sync goes on from memory, every held edit is stored once it is back', async () => {
    const { backends, proxy, cutOff, healthy } = await pairWithCuttablePostgres();
    const { productionId, ownerToken } = await createProduction(healthy.origin);
    const onCutOff = await openClient(cutOff.wsOrigin, productionId, ownerToken);
    const onHealthy = await openClient(healthy.wsOrigin, productionId, ownerToken);
    onCutOff.add('before');
    await expect.poll(() => onHealthy.items()).toEqual(['before']);

    proxy.cut();
    const readiness = async () => {
      const response = await fetch(`${cutOff.origin}/readyz`);
      return {
        status: response.status,
        store: ((await response.json()) as { checks: Record<string, boolean> }).checks.store,
      };
    };
    await expect.poll(readiness).toEqual({ status: 503, store: false });
    onCutOff.add('during');
    // Live sync goes on from memory: the other instance's tablet sees the edit while it cannot be stored.
    await expect.poll(() => onHealthy.items(), { timeout: 10_000 }).toEqual(['before', 'during']);
    const docName = documentName(productionId, 'schedule');
    expect(await storedItems(backends, docName, PROBE)).toEqual(['before']);
    expect(onCutOff.closes).toEqual([]);

    proxy.restore();
    await expect.poll(readiness, { timeout: 10_000 }).toEqual({ status: 200, store: true });
    for (const client of [onCutOff, onHealthy]) {
      await expect.poll(() => client.items(), { timeout: 15_000 }).toEqual(['before', 'during']);
    }
    await expect
      .poll(() => storedItems(backends, docName, PROBE), { timeout: 10_000 })
      .toEqual(['before', 'during']);
    expect(onCutOff.closes).toEqual([]);
  });

  /*
   * A room must not compact with only its own memory and its own last seq: rows another instance stored
   * meanwhile, not yet received here (Redis down, or not yet delivered), would be deleted without being in
   * the snapshot. The compaction reads the store and folds it in first.
   */
  it('compaction on one instance never deletes what another instance stored and it has not seen', async () => {
    const redis = await startPrivateRedis();
    onTestFinished(() => redis.stop());
    const backends = await clusterBackends(redis.url);
    const [a, b] = await startPair(backends);
    const { productionId, ownerToken } = await createProduction(a.origin);
    const docName = documentName(productionId, 'schedule');
    const onA = await openClient(a.wsOrigin, productionId, ownerToken);
    const onB = await openClient(b.wsOrigin, productionId, ownerToken);

    // No fan-out from here on: each instance only knows its own client's edit.
    await redis.crash();
    onA.add('from-a');
    await expect.poll(() => storedItems(backends, docName, PROBE)).toEqual(['from-a']);
    onB.add('from-b');
    // Both instances compacted (their debounce is 200 ms): the log is empty and only snapshots remain.
    await expect.poll(async () => (await storedState(backends, docName, PROBE)).logRows).toBe(0);
    expect(await storedItems(backends, docName, PROBE)).toEqual(['from-a', 'from-b']);
  });
});
