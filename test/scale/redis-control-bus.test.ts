import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { ControlBus, ControlEvent } from '../../server/control/control-bus';
import { createRedisControlBus } from '../../server/control/redis-control-bus';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import { testLogger } from './helpers/logger';
import { deleteKeys, MACHINE_REDIS_URL, startPrivateRedis, uniquePrefix } from './helpers/redis';

const teardown: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

async function busPair(url: string): Promise<[ControlBus, ControlBus]> {
  const prefix = uniquePrefix();
  // A private Redis vanishes with its keys; the machine's keeps them unless deleted.
  if (url === MACHINE_REDIS_URL) teardown.push(() => deleteKeys(url, prefix));
  const open = async () => {
    const bus = await createRedisControlBus({ url, prefix, logger: testLogger, blockMs: 500 });
    teardown.push(() => bus.close());
    return bus;
  };
  return [await open(), await open()];
}

function record(bus: ControlBus): ControlEvent[] {
  const events: ControlEvent[] = [];
  bus.subscribe((event) => events.push(event));
  return events;
}

const revoked = (memberId: string): ControlEvent => ({
  type: 'member-revoked',
  productionId: 'p1',
  memberId,
});

describe('RedisControlBus', () => {
  it('delivers each event once to every instance, the publisher included', async () => {
    const [a, b] = await busPair(MACHINE_REDIS_URL);
    const onA = record(a);
    const onB = record(b);
    const changed: ControlEvent = {
      type: 'permissions-changed',
      productionId: 'p1',
      permissions: DEFAULT_PERMISSIONS,
    };
    await a.publish(revoked('m1'));
    await b.publish(changed);
    await expect.poll(() => onB).toEqual([revoked('m1'), changed]);
    await expect.poll(() => onA).toEqual([revoked('m1'), changed]);
  });

  it('a reader whose connection dropped still gets what was published meanwhile', async () => {
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const [a, b] = await busPair(redis.url);
    const onB = record(b);
    await a.publish(revoked('before'));
    await expect.poll(() => onB.length).toBe(1);

    // Kill only B's blocked reader, then publish before it can reconnect (its first retry waits 50 ms).
    const admin = createClient({ url: redis.url });
    await admin.connect();
    teardown.push(async () => admin.destroy());
    const clients = await admin.clientList();
    const readers = clients.filter((client) => client.cmd === 'xread');
    expect(readers).toHaveLength(2);
    for (const reader of readers) await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(reader.id)]);
    await a.publish(revoked('during'));

    await expect
      .poll(() => onB.map((event) => (event as { memberId: string }).memberId))
      .toEqual(['before', 'during']);
  });

  it('keeps delivering after a Redis restart', async () => {
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const [a, b] = await busPair(redis.url);
    const onB = record(b);
    await redis.restart();
    await expect
      .poll(
        async () => {
          await a.publish(revoked('after')).catch(() => undefined);
          return onB.length > 0;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('acts locally and says so when Redis refuses the event', async () => {
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const [a] = await busPair(redis.url);
    const onA = record(a);
    await redis.stop();
    await expect(a.publish(revoked('m9'))).rejects.toThrow(/member-revoked.*p1.*this instance only/);
    expect(onA).toEqual([revoked('m9')]);
  });
});
