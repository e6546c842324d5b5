import { describe, expect, it, vi } from 'vitest';
import { InProcessFanoutHub } from '../../server/fanout/in-process-fanout';
import type { DocumentStore } from '../../server/storage/document-store';
import { connect, openBackend, startSync, storedDoc, synced } from './helpers';

const wait = { timeout: 10_000 };

/** Counts the entries each service appends, to prove a peer's update is stored once, by its receiver. */
function countingStore(inner: DocumentStore) {
  const counter = { entries: 0 };
  const store: DocumentStore = {
    load: (docName) => inner.load(docName),
    append: (entries) => {
      counter.entries += entries.length;
      return inner.append(entries);
    },
    compact: (...args) => inner.compact(...args),
    delete: (docName) => inner.delete(docName),
    ready: () => inner.ready(),
    close: async () => {},
  };
  return { store, counter };
}

describe('in-process fan-out between two sync services', () => {
  it('relays updates and awareness both ways, storing each update once', async () => {
    const backend = await openBackend();
    const hub = new InProcessFanoutHub();
    const a = countingStore(backend.store);
    const b = countingStore(backend.store);
    const serverA = await startSync({ backend: { ...backend, store: a.store }, fanout: hub.connect('a') });
    const serverB = await startSync({ backend: { ...backend, store: b.store }, fanout: hub.connect('b') });
    const { tokens, principals } = backend.team;

    const onA = connect(serverA, 'shotlist', tokens.director);
    const onB = connect(serverB, 'shotlist', tokens.ad);
    const readerOnB = connect(serverB, 'shotlist', tokens.crew);
    await Promise.all([synced(onA.provider), synced(onB.provider), synced(readerOnB.provider)]);

    onA.doc.getMap('shots').set('12A', 'CU');
    await vi.waitFor(() => expect(readerOnB.doc.getMap('shots').get('12A')).toBe('CU'), wait);
    expect(a.counter.entries).toBeGreaterThan(0);
    expect(b.counter.entries).toBe(0);

    const storedByA = a.counter.entries;
    onB.doc.getMap('shots').set('12B', 'WS');
    await vi.waitFor(() => expect(onA.doc.getMap('shots').get('12B')).toBe('WS'), wait);
    expect(a.counter.entries).toBe(storedByA);
    expect(b.counter.entries).toBeGreaterThan(0);

    onB.provider.awareness.setLocalStateField('cursor', 'shot 12B');
    await vi.waitFor(() => {
      const state = onA.provider.awareness.getStates().get(onB.doc.clientID) as
        Record<string, unknown> | undefined;
      expect(state).toMatchObject({
        cursor: 'shot 12B',
        user: { id: principals.ad.memberId, name: 'ad person', role: 'ad' },
      });
    }, wait);
  });
});

describe('compaction with a shared store', () => {
  it('never deletes rows another instance stored that this one has not received', async () => {
    const backend = await openBackend();
    // Two services on one store and no fan-out between them: each only knows its own client's edits. Live
    // documents throughout: a dormant one takes edits as bytes and folds them only when it wakes or unloads
    // (dormant.test.ts), and this test is about what a compaction after an edit folds in.
    const limits = { compactDebounceMs: 10, dormantAfterMs: 0 };
    const serverA = await startSync({ backend, limits });
    const serverB = await startSync({ backend, limits });
    const { tokens } = backend.team;
    const docName = serverA.docName('schedule');
    const onA = connect(serverA, 'schedule', tokens.ad);
    const onB = connect(serverB, 'schedule', tokens.producer);
    await Promise.all([synced(onA.provider), synced(onB.provider)]);

    onB.doc.getMap('days').set('from-b', 1);
    await vi.waitFor(
      async () => expect((await storedDoc(backend.store, docName)).getMap('days').has('from-b')).toBe(true),
      wait,
    );
    onA.doc.getMap('days').set('from-a', 2);
    // A compacts after its own edit: its snapshot must fold in B's row, not delete it.
    await vi.waitFor(async () => {
      const stored = await backend.store.load(docName);
      expect(stored.updates).toEqual([]);
      expect(stored.seq).toBeGreaterThanOrEqual(2);
    }, wait);
    expect((await storedDoc(backend.store, docName)).getMap('days').toJSON()).toEqual({
      'from-a': 2,
      'from-b': 1,
    });
    // And A's clients learn of B's edit from the merge.
    await vi.waitFor(() => expect(onA.doc.getMap('days').get('from-b')).toBe(1), wait);
  });
});

describe('in-process fan-out subscriptions', () => {
  it('[L4] an old room unsubscribing after its successor subscribed leaves the successor receiving', async () => {
    const hub = new InProcessFanoutHub();
    const publisher = hub.connect('a');
    const instance = hub.connect('b');
    const received = { old: [] as number[], successor: [] as number[] };
    const recorder = (into: number[]) => ({
      message: (_kind: string, payload: Uint8Array) => into.push(...payload),
      resync: () => {},
    });
    const stale = await instance.subscribe('p1/shotlist', recorder(received.old));
    await instance.subscribe('p1/shotlist', recorder(received.successor));
    await stale.unsubscribe();
    await stale.unsubscribe();
    publisher.publish('p1/shotlist', 'update', new Uint8Array([7]));
    await vi.waitFor(() => expect(received.successor).toEqual([7]));
    expect(received.old).toEqual([]);
  });
});
