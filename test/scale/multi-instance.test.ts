/**
 * Several server processes on one PostgreSQL database and one Redis: stock clients on different instances
 * converge, and each fault of the scale-out design has its defined outcome.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createProduction, stopSpawned } from '../helpers/test-server';
import { openClient } from './helpers/clients';
import { clusterBackends, startInstance } from './helpers/cluster';
import { startPrivateRedis } from './helpers/redis';
import { startTcpProxy } from './helpers/tcp-proxy';
import { CloseCode } from '../../shared/close-codes';

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('several instances', () => {
  it('three instances: clients on each converge and see each other', async () => {
    const backends = await clusterBackends();
    const instances = await Promise.all([0, 1, 2].map(() => startInstance(backends)));
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
    const [a, b] = await Promise.all([startInstance(backends), startInstance(backends)]);
    const production = await createProduction(a.origin);
    const { productionId, ownerToken } = production;
    const seeder = await openClient(a.wsOrigin, productionId, ownerToken);
    const watcher = await openClient(a.wsOrigin, productionId, ownerToken);
    seeder.add('seed');
    // Relayed only once stored: when the watcher has it, the store has it.
    await expect.poll(() => watcher.items()).toEqual(['seed']);
    await stopSpawned(a);
    // Cold on both: neither `b` nor the new `c` has ever loaded it.
    const c = await startInstance(backends);

    const [onB, onC] = await Promise.all([
      openClient(b.wsOrigin, productionId, ownerToken),
      openClient(c.wsOrigin, productionId, ownerToken),
    ]);
    onB.add('from-b');
    onC.add('from-c');
    const expected = ['from-b', 'from-c', 'seed'];
    await expect.poll(() => onB.items(), { timeout: 10_000 }).toEqual(expected);
    await expect.poll(() => onC.items(), { timeout: 10_000 }).toEqual(expected);
  });
});

describe('faults', () => {
  it('kill -9 of an instance during edits: nothing any client received is lost, survivors converge', async () => {
    const backends = await clusterBackends();
    const [doomed, survivor] = await Promise.all([startInstance(backends), startInstance(backends)]);
    const { productionId, ownerToken } = await createProduction(survivor.origin);
    const onDoomed = await openClient(doomed.wsOrigin, productionId, ownerToken);
    const onSurvivor = await openClient(survivor.wsOrigin, productionId, ownerToken);

    for (let i = 0; i < 20; i++) {
      onDoomed.add(`doomed-${i}`);
      onSurvivor.add(`survivor-${i}`);
    }
    // Some of these are still on their way (not yet stored, not yet relayed) when the process dies.
    await stopSpawned(doomed, 'SIGKILL');
    await expect.poll(() => onDoomed.provider.wsconnected).toBe(false);
    for (let i = 20; i < 25; i++) onSurvivor.add(`survivor-${i}`);
    await expect
      .poll(() => onSurvivor.items().filter((item) => item.startsWith('survivor')))
      .toHaveLength(25);

    // Everything the survivor's client holds, it received from a server that had stored it first.
    const received = onSurvivor.items();
    const fresh = await startInstance(backends);
    const reader = await openClient(fresh.wsOrigin, productionId, ownerToken);
    await expect.poll(() => reader.items(), { timeout: 10_000 }).toEqual(expect.arrayContaining(received));

    // The orphaned tablet reconnects to the survivor with its document, offline edits included.
    onDoomed.provider.destroy();
    onDoomed.add('doomed-offline');
    const reconnected = await openClient(survivor.wsOrigin, productionId, ownerToken, { doc: onDoomed.doc });
    const everything = [...range('doomed', 20), 'doomed-offline', ...range('survivor', 25)].sort();
    for (const client of [reconnected, onSurvivor, reader]) {
      await expect.poll(() => client.items(), { timeout: 10_000 }).toEqual(everything);
    }
  });

  it('Redis restart: instances reconnect and resync, clients converge without reconnecting', async () => {
    const redis = await startPrivateRedis();
    onTestFinished(() => redis.stop());
    const backends = await clusterBackends(redis.url);
    const [a, b] = await Promise.all([startInstance(backends), startInstance(backends)]);
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

  it('PostgreSQL unreachable: /readyz says so, no edit is dropped silently, none is lost once it is back', async () => {
    const backends = await clusterBackends();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    onTestFinished(() => proxy.close());
    const cutOff = await startInstance(backends, {
      DATABASE_URL: backends.databaseUrl.replace(':5432/', `:${proxy.port}/`),
    });
    const healthy = await startInstance(backends);
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
    // Either carried on from memory or refused with the documented code: never dropped without a word.
    await expect
      .poll(
        () => onHealthy.items().includes('during') || onCutOff.closes.includes(CloseCode.StorageUnavailable),
      )
      .toBe(true);

    proxy.restore();
    await expect.poll(readiness, { timeout: 10_000 }).toEqual({ status: 200, store: true });
    for (const client of [onCutOff, onHealthy]) {
      await expect.poll(() => client.items(), { timeout: 15_000 }).toEqual(['before', 'during']);
    }
    const fresh = await startInstance(backends);
    const reader = await openClient(fresh.wsOrigin, productionId, ownerToken);
    await expect.poll(() => reader.items(), { timeout: 10_000 }).toEqual(['before', 'during']);
  });
});
