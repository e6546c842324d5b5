import { describe, expect, it, vi } from 'vitest';
import { InProcessFanoutHub } from '../../server/fanout/in-process-fanout';
import type { DocumentStore } from '../../server/storage/document-store';
import { connect, openBackend, startSync, synced } from './helpers';

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
