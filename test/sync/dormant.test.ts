/**
 * Idle documents held as bytes (server/sync/dormant-state.ts): what a dormant room answers must be what the
 * live document would have answered, and only something new may wake it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from '../../server/protocol/messages';
import { SqliteDocumentStore } from '../../server/storage/sqlite-document-store';
import { DormantState } from '../../server/sync/dormant-state';
import { connect, openBackend, rawClient, startSync, storedDoc, synced, type SyncServer } from './helpers';

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

  /** A tablet holding `doc`, its edit made by `edit`, as the update it sends. */
  function editOf(doc: Y.Doc, edit: (tablet: Y.Doc) => void, clientID = 1001): Uint8Array {
    const tablet = new Y.Doc();
    tablet.clientID = clientID;
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(tablet);
    edit(tablet);
    return Y.encodeStateAsUpdate(tablet, before);
  }

  it('absorbs an edit as bytes: state vector, delete set, answers and waking all match a live document', () => {
    const live = shotList();
    live.getMap('meta').set('board', 'shotlist');
    const dormant = DormantState.of(live, undefined, ['meta']);
    const edits = [
      editOf(live, (t) => t.getMap<Y.Map<unknown>>('shots').get('s1')!.set('lens', 50)), // overwrite: deletes
      editOf(live, (t) => t.getText('notes').delete(0, 4), 1002), // a deletion only
    ];
    // The second edit was made on the original too: the two are concurrent, as from two tablets.
    for (const edit of edits) {
      expect(dormant.absorb(edit)).toBe(true);
      Y.applyUpdate(live, edit);
    }
    expect(dormant.stateVector).toEqual(Y.encodeStateVector(live));
    for (const edit of edits) expect(dormant.covers(edit)).toBe(true);
    expect(dormant.covers(Y.encodeStateAsUpdate(live))).toBe(true);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, dormant.diff(new Uint8Array([0])));
    expect(content(fresh)).toEqual(content(live));
    const woken = dormant.wake('test');
    expect(content(woken)).toEqual(content(live));
    expect(Y.encodeStateVector(woken)).toEqual(Y.encodeStateVector(live));
    // Merged once asked for the whole state; still the same document.
    const merged = new Y.Doc();
    Y.applyUpdate(merged, dormant.state);
    expect(content(merged)).toEqual(content(live));
  });

  it('leaves to a live document what would not integrate, or what vetting reads', () => {
    const live = shotList();
    live.getMap('meta').set('board', 'shotlist');
    const dormant = DormantState.of(live, undefined, ['meta']);
    const vector = dormant.stateVector;
    // Depends on a third tablet's edit the server never got: Yjs would keep it pending.
    const third = new Y.Doc();
    third.clientID = 3003;
    Y.applyUpdate(third, Y.encodeStateAsUpdate(live));
    third.getMap<Y.Map<unknown>>('shots').get('s3')!.set('lens', 24);
    const dependent = editOf(third, (t) => t.getMap<Y.Map<unknown>>('shots').get('s3')!.set('lens', 28));
    expect(dormant.absorb(dependent)).toBe(false);
    // A gap in the writer's own clock: its second insert without its first.
    const ahead = new Y.Doc();
    ahead.clientID = 4004;
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(live));
    ahead.getText('notes').insert(0, 'A');
    const afterFirst = Y.encodeStateVector(ahead);
    ahead.getText('notes').insert(0, 'B');
    expect(dormant.absorb(Y.encodeStateAsUpdate(ahead, afterFirst))).toBe(false);
    // The meta map: a changed key, a new key, a deleted key.
    expect(dormant.absorb(editOf(live, (t) => t.getMap('meta').set('board', 'schedule')))).toBe(false);
    expect(dormant.absorb(editOf(live, (t) => t.getMap('meta').set('schemaVersion', 99)))).toBe(false);
    expect(dormant.absorb(editOf(live, (t) => t.getMap('meta').delete('board')))).toBe(false);
    expect(dormant.absorb(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(dormant.stateVector).toEqual(vector); // refused edits changed nothing

    expect(
      DormantState.of(live, undefined, 'all').absorb(editOf(live, (t) => t.getText('notes').insert(0, 'x'))),
    ).toBe(false);
    // A document being worked on wakes: a live Y.Doc costs less per edit.
    const busy = DormantState.of(live);
    let taken = 0;
    while (busy.absorb(editOf(live, (t) => t.getText('notes').insert(0, 'x'), 5000 + taken))) taken++;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(32);
  });
});

async function dormantCount(server: SyncServer): Promise<number> {
  return (await server.metrics.dormantDocuments.get()).values[0]?.value ?? 0;
}

async function wakes(server: SyncServer): Promise<number> {
  return (await server.metrics.wakes.get()).values[0]?.value ?? 0;
}

async function absorbed(server: SyncServer): Promise<number> {
  return (await server.metrics.absorbed.get()).values[0]?.value ?? 0;
}

describe('a dormant room', () => {
  it('serves joining and returning tablets without waking, takes an edit as bytes, and loses nothing', async () => {
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
    // On a loaded machine the room may have slept before the first edits too, and taken them as bytes.
    const absorbedBefore = await absorbed(server);

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
    // Nothing vets this server's updates: the edit went onto the bytes, and the room never woke.
    expect(await wakes(server)).toBe(wakesBefore);
    expect(await absorbed(server)).toBe(absorbedBefore + 1);
    expect(await dormantCount(server)).toBe(1);

    const stored = await storedDoc(backend.store, server.docName('shotlist'));
    expect(stored.getMap('shots').toJSON()).toEqual({ '12A': 'WS harbour, dawn', '12B': 'CU Mara' });
  });

  it('an edit taken as bytes is stored before it is relayed, gives the right state vector, survives a restart', async () => {
    const backend = await openBackend();
    const server = await startSync({ backend });
    const { tokens } = backend.team;
    const director = connect(server, 'shotlist', tokens.director);
    const ad = connect(server, 'shotlist', tokens.ad);
    await Promise.all([synced(director.provider), synced(ad.provider)]);
    director.doc.getMap('shots').set('12A', 'WS harbour');
    director.doc.getText('notes').insert(0, 'Harbour');
    await expect.poll(() => ad.doc.getText('notes').toString(), wait).toBe('Harbour');
    await expect.poll(() => dormantCount(server), wait).toBe(1);
    const wakesBefore = await wakes(server);

    // From a stock provider as on set: an overwrite (a deletion and a struct) and a text insert.
    director.doc.getMap('shots').set('12A', 'WS harbour, dusk');
    director.doc.getText('notes').insert(0, 'Low tide. ');
    const expected = { shots: { '12A': 'WS harbour, dusk' }, notes: 'Low tide. Harbour' };
    await expect.poll(() => content(ad.doc), wait).toEqual(expected);
    expect(await wakes(server)).toBe(wakesBefore);
    expect(await absorbed(server)).toBeGreaterThan(0);

    // The AD has it, so the store has it: a second store on the same files (as after a crash) reads it.
    const reopened = new SqliteDocumentStore({ dataDir: backend.dataDir });
    const afterCrash = await storedDoc(reopened, server.docName('shotlist'));
    await reopened.close();
    expect(content(afterCrash)).toEqual(expected);

    // Our step 1 to a joining tablet carries the state vector as of the edit.
    const raw = await rawClient(server, 'shotlist', tokens.crew);
    await expect.poll(() => raw.frames.length, wait).toBeGreaterThan(0);
    const step1 = decodeClientMessage(raw.frames[0]!);
    expect(step1.ok && step1.message.type === 'sync-step1' && step1.message.stateVector).toEqual(
      Y.encodeStateVector(director.doc),
    );
    // Waiting in the log while the board sleeps (unless a compaction the first edits scheduled ran after
    // them, which a loaded machine allows); folded from the bytes (merged) when everyone left.
    const docName = server.docName('shotlist');
    for (const tablet of [director, ad]) tablet.provider.destroy();
    raw.ws.close();
    await expect.poll(async () => (await backend.store.load(docName)).updates.length, wait).toBe(0);
    await server.sync.shutdown();
    const restarted = await startSync({ backend });
    const crew = connect(restarted, 'shotlist', tokens.crew);
    await synced(crew.provider);
    expect(content(crew.doc)).toEqual(expected);
    expect(crew.doc.getText('notes').toString()).toBe('Low tide. Harbour');
  });

  it('with vetting, an edit to what it reads wakes the document for a live transaction', async () => {
    const backend = await openBackend();
    const vetted: string[] = [];
    const server = await startSync({
      backend,
      vet: {
        vetClientUpdate: ({ transaction }) => {
          for (const [type, keys] of transaction.changed)
            if (type === transaction.doc.share.get('meta')) vetted.push(...[...keys].map(String));
        },
        vettedRoots: () => ['meta'],
      },
    });
    const director = connect(server, 'shotlist', backend.team.tokens.director);
    const ad = connect(server, 'shotlist', backend.team.tokens.ad);
    await Promise.all([synced(director.provider), synced(ad.provider)]);
    director.doc.getMap('meta').set('board', 'shotlist');
    director.doc.getMap('shots').set('12A', 'WS harbour');
    await expect.poll(() => ad.doc.getMap('shots').get('12A'), wait).toBe('WS harbour');
    await expect.poll(() => dormantCount(server), wait).toBe(1);
    const wakesBefore = await wakes(server);

    director.doc.getMap('shots').set('12B', 'CU Mara'); // not read by vetting: taken as bytes
    await expect.poll(() => ad.doc.getMap('shots').get('12B'), wait).toBe('CU Mara');
    expect(await wakes(server)).toBe(wakesBefore);

    director.doc.getMap('meta').set('board', 'schedule');
    await expect.poll(() => ad.doc.getMap('meta').get('board'), wait).toBe('schedule');
    expect(await wakes(server)).toBe(wakesBefore + 1);
    expect(vetted).toEqual(['board', 'board']);
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
