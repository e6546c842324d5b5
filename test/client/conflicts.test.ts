/**
 * Edits that crossed while a tablet was offline are told to the person whose value went (client/src/sync/
 * conflicts.ts), on real Y.Docs exchanging real updates, with the Yjs client ids chosen so that each side
 * wins once (Yjs keeps the value of the higher client id when two writes crossed).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShot, deleteShot, readShots, shotEntity, updateShot } from '../../shared/model/shotlist';
import { ConflictWatch } from '../../client/src/sync/conflicts';

const LOCAL = { source: 'client' } as const;

interface Tablet {
  doc: Y.Doc;
  watch: ConflictWatch;
}

function tablet(clientID: number, base: Uint8Array, clock: { now: number }): Tablet {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, base, 'server');
  return { doc, watch: new ConflictWatch(doc, { localOrigin: LOCAL, now: () => clock.now }) };
}

/** What `from` has and `to` lacks, as the server would relay it after a reconnect. */
function sync(from: Tablet, to: Tablet): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'server');
}

function scenario(ines: number, sam: number) {
  const seed = new Y.Doc();
  seed.clientID = 1;
  const shotId = addShot(seed, { sceneId: 's12', code: '12A', lens: '35mm' }, LOCAL);
  const clock = { now: Date.UTC(2026, 0, 5, 13, 58) };
  const base = Y.encodeStateAsUpdate(seed);
  const a = tablet(ines, base, clock);
  const b = tablet(sam, base, clock);
  const lens = (t: Tablet) => readShots(t.doc)[0]!.lens;
  return { a, b, shotId, clock, lens };
}

describe('conflicts between an offline edit and a newer one', () => {
  it('the offline edit loses: the tablet that was offline is told the value that won, and who wrote it; put mine back wins everywhere', () => {
    const { a, b, shotId, clock, lens } = scenario(100, 200);
    updateShot(a.doc, shotId, { lens: '85mm' }, LOCAL); // offline
    clock.now += 4 * 60_000;
    updateShot(b.doc, shotId, { lens: '90mm' }, LOCAL);
    sync(a, b); // A reconnects: its offline edit reaches B ...
    sync(b, a); // ... and B's edit reaches A
    expect([lens(a), lens(b)]).toEqual(['90mm', '90mm']);

    const [notice] = a.watch.list();
    expect(a.watch.list()).toHaveLength(1);
    expect(notice).toMatchObject({
      kind: 'replaced',
      key: 'lens',
      mine: '85mm',
      theirs: '90mm',
      theirClient: 200,
    });
    expect(notice!.map).toBe(shotEntity(a.doc, shotId));
    // B kept its value and is told what it replaced, with Ines's client to name her.
    expect(b.watch.list()).toMatchObject([
      { kind: 'overrode', mine: '90mm', theirs: '85mm', theirClient: 100 },
    ]);

    a.watch.resolve(notice!.id, 'mine');
    sync(a, b);
    expect([lens(a), lens(b)]).toEqual(['85mm', '85mm']);
    expect(a.watch.list()).toHaveLength(0);
    // Putting it back is an edit made having seen 90mm: no new notice for B, whose notice stays until read.
    expect(b.watch.list()).toHaveLength(1);
  });

  it('the older offline edit wins: the newer value it overwrote is reported to the person who wrote it', () => {
    const { a, b, shotId, lens } = scenario(200, 100);
    updateShot(a.doc, shotId, { lens: '85mm' }, LOCAL); // offline, earlier
    updateShot(b.doc, shotId, { lens: '90mm' }, LOCAL); // online, later
    // On reconnect the server answers A's sync step 1 (with 90mm) before A's offline edits reach it.
    sync(b, a);
    sync(a, b);
    // Today's behaviour, which nobody was told about: both show 85mm.
    expect([lens(a), lens(b)]).toEqual(['85mm', '85mm']);
    expect(b.watch.list()).toMatchObject([
      { kind: 'replaced', mine: '90mm', theirs: '85mm', theirClient: 200 },
    ]);
    expect(a.watch.list()).toMatchObject([
      { kind: 'overrode', mine: '85mm', theirs: '90mm', theirClient: 100 },
    ]);

    // Ines, told her offline edit overwrote Sam's, chooses his.
    a.watch.resolve(a.watch.list()[0]!.id, 'theirs');
    sync(a, b);
    expect([lens(a), lens(b)]).toEqual(['90mm', '90mm']);
  });

  it('an edit made after seeing ours is an ordinary change, not a conflict, even relayed through a third tablet', () => {
    const { a, b, shotId, clock, lens } = scenario(100, 200);
    const c = tablet(300, Y.encodeStateAsUpdate(a.doc), clock);
    updateShot(a.doc, shotId, { lens: '85mm' }, LOCAL);
    sync(a, c);
    updateShot(c.doc, shotId, { lens: '70mm' }, LOCAL);
    sync(c, b);
    updateShot(b.doc, shotId, { lens: '60mm' }, LOCAL);
    sync(b, a); // both later edits arrive at A in one update
    expect(lens(a)).toBe('60mm');
    expect(a.watch.list()).toHaveLength(0);
    expect(c.watch.list()).toHaveLength(0);
  });

  it('the same value written on both tablets, shared texts and other fields are not conflicts', () => {
    const { a, b, shotId } = scenario(100, 200);
    updateShot(a.doc, shotId, { lens: '50mm', description: 'Ines types here', frameRate: 48 }, LOCAL);
    updateShot(b.doc, shotId, { lens: '50mm', description: 'Sam types there', sound: 'MOS' }, LOCAL);
    sync(a, b);
    sync(b, a);
    expect(readShots(a.doc)[0]).toMatchObject({ lens: '50mm', frameRate: 48, sound: 'MOS' });
    expect(readShots(a.doc)[0]!.description).toMatch(/Ines types here/);
    expect(readShots(a.doc)[0]!.description).toMatch(/Sam types there/);
    expect(a.watch.list()).toHaveLength(0);
    expect(b.watch.list()).toHaveLength(0);
  });

  it('dismissing a notice forgets it; a shot deleted meanwhile is not written back', () => {
    const { a, b, shotId } = scenario(100, 200);
    updateShot(a.doc, shotId, { lens: '85mm' }, LOCAL);
    updateShot(b.doc, shotId, { lens: '90mm' }, LOCAL);
    sync(b, a);
    const notice = a.watch.list()[0]!;
    a.watch.dismiss(notice.id);
    expect(a.watch.list()).toHaveLength(0);

    updateShot(a.doc, shotId, { lens: '85mm' }, LOCAL);
    updateShot(b.doc, shotId, { lens: '100mm' }, LOCAL);
    sync(b, a);
    const again = a.watch.list()[0]!;
    expect(again).toMatchObject({ mine: '85mm', theirs: '100mm' });
    deleteShot(b.doc, shotId, LOCAL);
    sync(b, a);
    const before = Y.encodeStateVector(a.doc);
    a.watch.resolve(again.id, 'mine');
    expect(Y.encodeStateVector(a.doc)).toEqual(before);
    expect(readShots(a.doc)).toHaveLength(0);
    a.watch.destroy();
  });
});
