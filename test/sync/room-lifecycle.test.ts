/**
 * The room life cycle's races, driven through in-memory socket pairs (harness/), so each step happens when
 * the test says: a socket closing, a join while its document unloads, peers' edits during a load.
 * Rules: docs/PROTOCOL.md, "Room life cycle".
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Fanout } from '../../server/fanout/fanout';
import { InProcessFanoutHub } from '../../server/fanout/in-process-fanout';
import { createRedisFanout } from '../../server/fanout/redis-fanout';
import { StorageError, type DocumentStore } from '../../server/storage/document-store';
import { CloseCode } from '../../shared/close-codes';
import { startCore } from './harness/core';
import { testLogger } from '../scale/helpers/logger';
import { deleteKeys, MACHINE_REDIS_URL, uniquePrefix } from '../scale/helpers/redis';
import { openBackend, type Backend } from './helpers';

/** A gate a test opens when it chooses; `held` counts the calls waiting (or that waited) at it. */
function gate() {
  let opened: Promise<void> | null = null;
  let open = () => {};
  return {
    held: 0,
    close() {
      opened = new Promise((resolve) => (open = resolve));
    },
    open() {
      opened = null;
      open();
    },
    async pass() {
      if (!opened) return;
      this.held++;
      await opened;
    },
  };
}

/** The real store, with compactions (and the answers of loads) held at gates the test opens. */
function heldStore(inner: DocumentStore) {
  const compaction = gate();
  const loadAnswer = gate();
  const counts = { appended: 0, failedAppends: 0 };
  const faults = { failAppends: false };
  const store: DocumentStore = {
    load: async (docName) => {
      const stored = await inner.load(docName);
      // Read, then held: what the store had at this moment is what the room gets.
      await loadAnswer.pass();
      return stored;
    },
    append: async (entries) => {
      if (faults.failAppends) {
        counts.failedAppends++;
        throw new StorageError('database unreachable');
      }
      const seq = await inner.append(entries);
      counts.appended += entries.length;
      return seq;
    },
    compact: async (...args) => {
      await compaction.pass();
      return inner.compact(...args);
    },
    delete: (docName) => inner.delete(docName),
    ready: () => inner.ready(),
    close: async () => {},
  };
  return { store, compaction, loadAnswer, counts, faults };
}

/** The hub's Fanout for one service, counting the peer frames handed to its rooms and the unsubscribes. */
function countedFanout(inner: Fanout) {
  const counts = { delivered: 0, unsubscribed: 0 };
  const fanout: Fanout = {
    instanceId: inner.instanceId,
    subscribe: async (docName, handler) => {
      const subscription = await inner.subscribe(docName, {
        message: (kind, payload) => {
          counts.delivered++;
          handler.message(kind, payload);
        },
        resync: () => handler.resync(),
      });
      return {
        unsubscribe: async () => {
          counts.unsubscribed++;
          await subscription.unsubscribe();
        },
      };
    },
    publish: (docName, kind, payload) => inner.publish(docName, kind, payload),
    close: () => inner.close(),
  };
  return { fanout, counts };
}

/** Two instances' fan-outs: one in-process hub, or two connections to the machine's Redis. */
async function fanoutPair(transport: 'in-process' | 'Redis'): Promise<[Fanout, Fanout]> {
  if (transport === 'in-process') {
    const hub = new InProcessFanoutHub();
    return [hub.connect('one'), hub.connect('two')];
  }
  const prefix = uniquePrefix();
  onTestFinished(() => deleteKeys(MACHINE_REDIS_URL, prefix));
  const open = async () => {
    const fanout = await createRedisFanout({
      url: MACHINE_REDIS_URL,
      prefix,
      logger: testLogger,
      settleMs: 50,
      resyncIntervalMs: 0,
    });
    onTestFinished(() => fanout.close());
    return fanout;
  };
  return [await open(), await open()];
}

const withStore = (backend: Backend, store: DocumentStore): Backend => ({ ...backend, store });

describe('room life cycle (socket-pair harness)', () => {
  it('[L1] removes the awareness states of a closed socket, for its room and for other instances', async () => {
    const backend = await openBackend();
    const hub = new InProcessFanoutHub();
    const one = startCore(backend, { fanout: hub.connect('one') });
    const two = startCore(backend, { fanout: hub.connect('two') });
    const leaving = await one.open('shotlist', 'director');
    const sameInstance = await one.open('shotlist', 'ad');
    const otherInstance = await two.open('shotlist', 'crew');
    const settleAll = (check: () => void) => Promise.all([one.settle(check), two.settle(check)]);

    leaving.awareness.setLocalStateField('cursor', 'shot 12A');
    await settleAll(() => {
      for (const watcher of [sameInstance, otherInstance]) {
        expect(watcher.remoteStates().get(leaving.doc.clientID)).toMatchObject({ cursor: 'shot 12A' });
      }
    });

    // The tablet leaves without clearing its state (a closed lid, a dead battery).
    leaving.pair.client.close();
    await settleAll(() => {
      expect(leaving.pair.client.closed).not.toBeNull();
      for (const watcher of [sameInstance, otherInstance]) {
        expect(watcher.remoteStates().has(leaving.doc.clientID)).toBe(false);
      }
    });
  });

  it('[L2] a join while the document unloads waits, gets everything, and shares one room with later joins', async () => {
    const backend = await openBackend();
    const held = heldStore(backend.store);
    // Only the unload compacts; it unloads as soon as the last socket leaves.
    const core = startCore(withStore(backend, held.store), {
      limits: { unloadDelayMs: 0, compactDebounceMs: 60_000 },
    });
    const writer = await core.open('shotlist', 'director');
    await core.settle(() => expect(writer.synced).toBe(true));
    writer.doc.getMap('shots').set('12A', 'CU');
    await core.settle(() => expect(held.counts.appended).toBeGreaterThan(0));

    held.compaction.close();
    writer.pair.client.close();
    // The unload is under way: its compaction waits at the gate.
    await core.settle(() => expect(held.compaction.held).toBe(1));
    const early = await core.open('shotlist', 'ad');
    held.compaction.open();
    await core.settle(() => {
      expect(early.synced).toBe(true);
      expect(early.doc.getMap('shots').get('12A')).toBe('CU');
    });

    const later = await core.open('shotlist', 'crew');
    await core.settle(() => expect(later.synced).toBe(true));
    early.doc.getMap('shots').set('12B', 'WS');
    await core.settle(() => expect(later.doc.getMap('shots').get('12B')).toBe('WS'));
    expect(core.sync.stats().documents).toBe(1);
  });

  it('[L3] applies peers’ edits that arrive while the document loads', async () => {
    const backend = await openBackend();
    const hub = new InProcessFanoutHub();
    const one = startCore(backend, { fanout: hub.connect('one') });
    const held = heldStore(backend.store);
    const counted = countedFanout(hub.connect('two'));
    // No compaction soon: its merge from the store would repair a dropped frame later.
    const two = startCore(withStore(backend, held.store), {
      fanout: counted.fanout,
      limits: { compactDebounceMs: 60_000 },
    });
    const writer = await one.open('shotlist', 'director');
    const watcher = await one.open('shotlist', 'ad');
    await one.settle(() => expect(writer.synced && watcher.synced).toBe(true));

    held.loadAnswer.close();
    const joiner = await two.open('shotlist', 'crew');
    // Instance two subscribed, read the store, and is held before building its room.
    await two.settle(() => expect(held.loadAnswer.held).toBe(1));
    writer.doc.getMap('shots').set('12A', 'CU');
    await one.settle(() => expect(watcher.doc.getMap('shots').get('12A')).toBe('CU'));
    await two.settle(() => expect(counted.counts.delivered).toBeGreaterThan(0));

    held.loadAnswer.open();
    await two.settle(() => expect(joiner.synced).toBe(true));
    // At the moment it synced, not after some later repair.
    expect(joiner.doc.getMap('shots').get('12A')).toBe('CU');
  });

  it.each(['in-process', 'Redis'] as const)(
    '[L4] a room dropped in a store outage, ending late, leaves its successor receiving peers’ edits (%s)',
    async (transport) => {
      const backend = await openBackend();
      const [fanoutOne, fanoutTwo] = await fanoutPair(transport);
      const one = startCore(backend, { fanout: fanoutOne });
      const held = heldStore(backend.store);
      const counted = countedFanout(fanoutTwo);
      const two = startCore(withStore(backend, held.store), {
        fanout: counted.fanout,
        limits: { compactDebounceMs: 0, retryBufferBytes: 1024, unloadDelayMs: 60_000 },
      });
      const peer = await one.open('shotlist', 'director');
      const writer = await two.open('shotlist', 'ad');
      await Promise.all([
        one.settle(() => expect(peer.synced).toBe(true)),
        two.settle(() => expect(writer.synced).toBe(true)),
      ]);

      // The room's compaction gets stuck in the store...
      held.compaction.close();
      writer.doc.getMap('shots').set('12A', 'CU');
      await two.settle(() => expect(held.compaction.held).toBe(1));
      // ...then appends fail, and one turn's updates overflow the held-update buffer: the room breaks and is
      // dropped, but its destroy waits for that compaction.
      held.faults.failAppends = true;
      writer.doc.getMap('shots').set('12B', 'WS');
      await two.settle(() => expect(held.counts.failedAppends).toBe(1));
      writer.doc.getMap('shots').set('big-1', 'x'.repeat(600));
      writer.doc.getMap('shots').set('big-2', 'x'.repeat(600));
      await two.settle(() => expect(writer.pair.client.closed?.code).toBe(CloseCode.StorageUnavailable));
      held.faults.failAppends = false;

      // A tablet opens the board again: a new room loads and subscribes, while the old one still ends.
      const successor = await two.open('shotlist', 'crew');
      await two.settle(() => expect(successor.synced).toBe(true));
      held.compaction.open();
      await two.settle(() => expect(counted.counts.unsubscribed).toBe(1));

      peer.doc.getMap('shots').set('14', 'OTS');
      await Promise.all([
        one.settle(() => expect(successor.doc.getMap('shots').get('14')).toBe('OTS')),
        two.settle(() => expect(successor.doc.getMap('shots').get('14')).toBe('OTS')),
      ]);
    },
  );
});
