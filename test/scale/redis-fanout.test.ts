import { afterEach, describe, expect, it } from 'vitest';
import type { Fanout, FanoutHandler, FanoutKind } from '../../server/fanout/fanout';
import {
  createRedisFanout,
  decodeFanoutMessage,
  encodeFanoutMessage,
} from '../../server/fanout/redis-fanout';
import { testLogger } from './helpers/logger';
import { deleteKeys, MACHINE_REDIS_URL, startPrivateRedis, uniquePrefix } from './helpers/redis';

const teardown: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

class Recorder implements FanoutHandler {
  messages: Array<{ kind: FanoutKind; payload: number[] }> = [];
  resyncs = 0;
  message(kind: FanoutKind, payload: Uint8Array): void {
    this.messages.push({ kind, payload: [...payload] });
  }
  resync(): void {
    this.resyncs++;
  }
}

async function fanoutPair(url: string, settleMs = 50): Promise<[Fanout, Fanout]> {
  const prefix = uniquePrefix();
  const open = () => createRedisFanout({ url, prefix, logger: testLogger, settleMs, resyncIntervalMs: 0 });
  const a = await open();
  teardown.push(() => a.close());
  const b = await open();
  teardown.push(() => b.close());
  // A private Redis vanishes with its keys; the machine's keeps them unless deleted.
  if (url === MACHINE_REDIS_URL) teardown.push(() => deleteKeys(url, prefix));
  return [a, b];
}

describe('wire format', () => {
  it('round-trips kind, origin and frame, and rejects truncated messages', () => {
    const encoded = encodeFanoutMessage('awareness', 'instance-1', new Uint8Array([1, 2, 3]));
    const decoded = decodeFanoutMessage(encoded);
    expect(decoded?.kind).toBe('awareness');
    expect(decoded?.instanceId).toBe('instance-1');
    expect([...(decoded?.payload ?? [])]).toEqual([1, 2, 3]);
    expect(decodeFanoutMessage(Buffer.from([0]))).toBeNull();
    expect(decodeFanoutMessage(Buffer.from([9, 0]))).toBeNull();
    expect(decodeFanoutMessage(Buffer.from([0, 20, 65]))).toBeNull();
  });
});

describe('RedisFanout', () => {
  it('delivers to the same document on other instances, never back to the sender', async () => {
    const [a, b] = await fanoutPair(MACHINE_REDIS_URL);
    const onA = new Recorder();
    const onB = new Recorder();
    const otherDoc = new Recorder();
    await a.subscribe('p1/shotlist', onA);
    await b.subscribe('p1/shotlist', onB);
    await b.subscribe('p1/schedule', otherDoc);

    a.publish('p1/shotlist', 'update', new Uint8Array([0, 2, 7]));
    a.publish('p1/shotlist', 'awareness', new Uint8Array([1, 9]));

    await expect
      .poll(() => onB.messages)
      .toEqual([
        { kind: 'update', payload: [0, 2, 7] },
        { kind: 'awareness', payload: [1, 9] },
      ]);
    b.publish('p1/shotlist', 'update', new Uint8Array([5]));
    await expect.poll(() => onA.messages).toEqual([{ kind: 'update', payload: [5] }]);
    expect(onA.messages).toHaveLength(1);
    expect(onB.messages).toHaveLength(2);
    expect(otherDoc.messages).toEqual([]);
  });

  it('resyncs a document once shortly after it subscribes, for what peers had not stored yet', async () => {
    const [a] = await fanoutPair(MACHINE_REDIS_URL);
    const handler = new Recorder();
    await a.subscribe('p1/breakdown', handler);
    expect(handler.resyncs).toBe(0);
    await expect.poll(() => handler.resyncs).toBe(1);
  });

  it('stops delivering after unsubscribe', async () => {
    const [a, b] = await fanoutPair(MACHINE_REDIS_URL);
    const gone = new Recorder();
    const stays = new Recorder();
    const subscription = await b.subscribe('p1/moodboard', gone);
    await subscription.unsubscribe();
    await b.subscribe('p1/costreport', stays);
    a.publish('p1/moodboard', 'update', new Uint8Array([1]));
    a.publish('p1/costreport', 'update', new Uint8Array([2]));
    // Redis delivers in publish order on one connection, so once the second arrived the first never will.
    await expect.poll(() => stays.messages.length).toBe(1);
    expect(gone.messages).toEqual([]);
  });

  it('a document unloaded and reloaded at once keeps receiving', async () => {
    const [a, b] = await fanoutPair(MACHINE_REDIS_URL);
    const first = new Recorder();
    const second = new Recorder();
    const subscription = await b.subscribe('p1/shotlist', first);
    await subscription.unsubscribe();
    await b.subscribe('p1/shotlist', second);
    a.publish('p1/shotlist', 'update', new Uint8Array([3]));
    await expect.poll(() => second.messages).toEqual([{ kind: 'update', payload: [3] }]);
    expect(first.messages).toEqual([]);
  });

  it('[L4] an old room unsubscribing after its successor subscribed leaves the successor receiving', async () => {
    const [a, b] = await fanoutPair(MACHINE_REDIS_URL);
    const oldRoom = new Recorder();
    const newRoom = new Recorder();
    const stale = await b.subscribe('p1/shotlist', oldRoom);
    await b.subscribe('p1/shotlist', newRoom);
    a.publish('p1/shotlist', 'update', new Uint8Array([1]));
    await expect.poll(() => newRoom.messages.length).toBe(1);
    // The old room's destroy finally runs (its compaction was stuck in a store outage).
    await stale.unsubscribe();
    await stale.unsubscribe();
    a.publish('p1/shotlist', 'update', new Uint8Array([2]));
    a.publish('p1/shotlist', 'awareness', new Uint8Array([3]));
    await expect
      .poll(() => newRoom.messages)
      .toEqual([
        { kind: 'update', payload: [1] },
        { kind: 'update', payload: [2] },
        { kind: 'awareness', payload: [3] },
      ]);
    expect(oldRoom.messages).toEqual([{ kind: 'update', payload: [1] }]);
  });

  it('after a Redis restart, every instance resyncs its documents and delivery resumes', async () => {
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const [a, b] = await fanoutPair(redis.url);
    const onA = new Recorder();
    const onB = new Recorder();
    await a.subscribe('p1/shotlist', onA);
    await b.subscribe('p1/shotlist', onB);
    await expect.poll(() => onA.resyncs + onB.resyncs).toBe(2);

    await redis.restart();

    // At once on reconnect, again after the settle delay, and once more at each peer's request.
    await expect.poll(() => onA.resyncs, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => onB.resyncs, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect
      .poll(
        () => {
          a.publish('p1/shotlist', 'update', new Uint8Array([42]));
          return onB.messages.length > 0;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(onB.messages[0]).toEqual({ kind: 'update', payload: [42] });
  });

  it('opens a document while Redis is down instead of hanging, and still resyncs it', async () => {
    const redis = await startPrivateRedis();
    teardown.push(() => redis.stop());
    const prefix = uniquePrefix();
    const a = await createRedisFanout({
      url: redis.url,
      prefix,
      logger: testLogger,
      settleMs: 50,
      resyncIntervalMs: 0,
      subscribeTimeoutMs: 200,
    });
    teardown.push(() => a.close());
    await redis.stop();
    const handler = new Recorder();
    a.publish('p1/schedule', 'update', new Uint8Array([1]));
    await a.subscribe('p1/schedule', handler);
    await expect.poll(() => handler.resyncs).toBe(1);
  });
});
