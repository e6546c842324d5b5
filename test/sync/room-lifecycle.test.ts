/**
 * The room life cycle's races, driven through in-memory socket pairs (harness/), so each step happens when
 * the test says: a socket closing, a join while its document unloads, peers' edits during a load.
 * Rules: docs/PROTOCOL.md, "Room life cycle".
 */
import { describe, expect, it } from 'vitest';
import type { Fanout } from '../../server/fanout/fanout';
import { InProcessFanoutHub } from '../../server/fanout/in-process-fanout';
import type { DocumentStore } from '../../server/storage/document-store';
import { startCore } from './harness/core';
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
  const counts = { appended: 0 };
  const store: DocumentStore = {
    load: async (docName) => {
      const stored = await inner.load(docName);
      // Read, then held: what the store had at this moment is what the room gets.
      await loadAnswer.pass();
      return stored;
    },
    append: async (entries) => {
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
  return { store, compaction, loadAnswer, counts };
}

/** The hub's Fanout for one service, counting the peer frames handed to its rooms. */
function countedFanout(inner: Fanout) {
  const counts = { delivered: 0 };
  const fanout: Fanout = {
    instanceId: inner.instanceId,
    subscribe: (docName, handler) =>
      inner.subscribe(docName, {
        message: (kind, payload) => {
          counts.delivered++;
          handler.message(kind, payload);
        },
        resync: () => handler.resync(),
      }),
    unsubscribe: (docName) => inner.unsubscribe(docName),
    publish: (docName, kind, payload) => inner.publish(docName, kind, payload),
    close: () => inner.close(),
  };
  return { fanout, counts };
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
});
