/**
 * Idle documents held as bytes (server/sync/dormant-state.ts): what a dormant room answers must be what the
 * live document would have answered, and only something new may wake it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DormantState } from '../../server/sync/dormant-state';
import { connect, openBackend, startSync, storedDoc, synced, type SyncServer } from './helpers';

const wait = { timeout: 15_000 };

function shotList(): Y.Doc {
  const doc = new Y.Doc();
  const shots = doc.getMap<Y.Map<unknown>>('shots');
  for (let i = 1; i <= 20; i++) {
    const shot = new Y.Map<unknown>();
    shot.set('code', `${i}A`);
    shot.set('lens', 35);
    shots.set(`s${i}`, shot);
  }
  const notes = doc.getText('notes');
  notes.insert(0, 'Harbour at dawn, low tide');
  notes.delete(0, 8); // a delete set to compare against
  return doc;
}

/** The board's content, whatever the document has been asked for so far. */
const content = (doc: Y.Doc) => ({
  shots: doc.getMap('shots').toJSON(),
  notes: doc.getText('notes').toString(),
});

describe('DormantState', () => {
  it('covers what the document already holds, and nothing new', () => {
    const doc = shotList();
    const dormant = DormantState.of(doc);
    expect(dormant.covers(Y.encodeStateAsUpdate(doc))).toBe(true);
    expect(dormant.covers(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    // What the stock client sends in answer to our step 1 when it has nothing new: its delete set.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(dormant.covers(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)))).toBe(true);

    const added = new Y.Doc();
    Y.applyUpdate(added, Y.encodeStateAsUpdate(doc));
    added.getMap<Y.Map<unknown>>('shots').get('s1')!.set('lens', 50);
    expect(dormant.covers(Y.encodeStateAsUpdate(added, Y.encodeStateVector(doc)))).toBe(false);

    const deleted = new Y.Doc();
    Y.applyUpdate(deleted, Y.encodeStateAsUpdate(doc));
    deleted.getText('notes').delete(0, 3); // a deletion only: no new struct
    const deletion = Y.encodeStateAsUpdate(deleted, Y.encodeStateVector(doc));
    expect(dormant.covers(deletion)).toBe(false);

    expect(dormant.covers(new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('answers a client with what it lacks, and wakes to the same document', () => {
    const doc = shotList();
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(doc));
    doc.getMap<Y.Map<unknown>>('shots').get('s2')!.set('lens', 85);
    doc.getText('notes').insert(0, 'Dusk: ');
    const dormant = DormantState.of(doc);

    Y.applyUpdate(behind, dormant.diff(Y.encodeStateVector(behind)));
    expect(content(behind)).toEqual(content(doc));
    const woken = dormant.wake('test');
    expect(content(woken)).toEqual(content(doc));
    expect(Y.encodeStateVector(woken)).toEqual(Y.encodeStateVector(doc));
  });
});

async function dormantCount(server: SyncServer): Promise<number> {
  return (await server.metrics.dormantDocuments.get()).values[0]?.value ?? 0;
}

async function wakes(server: SyncServer): Promise<number> {
  return (await server.metrics.wakes.get()).values[0]?.value ?? 0;
}

describe('a dormant room', () => {
  it('serves joining and returning tablets without waking, wakes on an edit, and loses nothing', async () => {
    const backend = await openBackend();
    const server = await startSync({ backend });
    const { tokens } = backend.team;
    const director = connect(server, 'shotlist', tokens.director);
    const ad = connect(server, 'shotlist', tokens.ad);
    await Promise.all([synced(director.provider), synced(ad.provider)]);
    const shots = director.doc.getMap<string>('shots');
    shots.set('12A', 'WS harbour');
    shots.set('12A', 'WS harbour, dawn'); // overwriting leaves a delete set, which returning tablets send back
    await expect.poll(() => ad.doc.getMap('shots').get('12A'), wait).toBe('WS harbour, dawn');
    ad.provider.disconnect();
    await expect.poll(() => dormantCount(server), wait).toBe(1);
    const wakesBefore = await wakes(server);

    // A new tablet gets everything; a returning one answers our step 1 with its delete set (nothing new).
    const crew = connect(server, 'shotlist', tokens.crew);
    ad.provider.connect();
    await Promise.all([synced(crew.provider), synced(ad.provider)]);
    expect(crew.doc.getMap('shots').toJSON()).toEqual({ '12A': 'WS harbour, dawn' });
    // Frames of one socket are handled in order: once the director sees this awareness change, the AD's
    // step 2 before it was handled too.
    ad.provider.awareness.setLocalStateField('barrier', 1);
    await expect
      .poll(
        () => [...director.provider.awareness.getStates().values()].some((state) => state.barrier === 1),
        wait,
      )
      .toBe(true);
    expect(await wakes(server)).toBe(wakesBefore);

    shots.set('12B', 'CU Mara');
    await expect.poll(() => crew.doc.getMap('shots').get('12B'), wait).toBe('CU Mara');
    await expect.poll(() => ad.doc.getMap('shots').get('12B'), wait).toBe('CU Mara');
    expect(await wakes(server)).toBe(wakesBefore + 1);
    await expect.poll(() => dormantCount(server), wait).toBe(1); // asleep again once quiet

    const stored = await storedDoc(backend.store, server.docName('shotlist'));
    expect(stored.getMap('shots').toJSON()).toEqual({ '12A': 'WS harbour, dawn', '12B': 'CU Mara' });
  });

  it('a server edit on a dormant document (an import) wakes it and reaches the tablets', async () => {
    const backend = await openBackend();
    const server = await startSync({ backend });
    const ad = connect(server, 'schedule', backend.team.tokens.ad);
    await synced(ad.provider);
    ad.doc.getMap('days').set('d1', 'Harbour');
    await expect.poll(() => dormantCount(server), wait).toBe(1);
    await server.sync.withDocument(server.docName('schedule'), (doc) => doc.getMap('days').set('d2', 'Boat'));
    await expect.poll(() => ad.doc.getMap('days').get('d2'), wait).toBe('Boat');
    const stored = await storedDoc(backend.store, server.docName('schedule'));
    expect(stored.getMap('days').toJSON()).toEqual({ d1: 'Harbour', d2: 'Boat' });
  });
});
