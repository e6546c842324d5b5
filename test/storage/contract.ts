/**
 * One contract for every DocumentStore. A test file provides `open`, which must return a NEW store instance
 * over the SAME database on every call (the reopen test relies on it); the file owns creating and removing
 * that database. Tests use fresh document names, so they can share one database.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StorageError } from '../../server/storage/document-store';
import type { DocumentStore } from '../../server/storage/document-store';
import type { VersionStore } from '../../server/storage/version-store';

const bytes = (...values: number[]) => new Uint8Array(values);

/** Small deterministic PRNG (mulberry32) so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A store opened on a version-1 database holding 'p/shotlist' (snapshot 0x0a at seq 1, update 0x0b at seq 2):
 * the rows read as before, and the fencing that version 2 added works on them.
 */
export async function expectUpgradedFromVersion1(store: DocumentStore): Promise<void> {
  const bytes = (...values: number[]) => new Uint8Array(values);
  expect(await store.load('p/shotlist')).toEqual({ snapshot: bytes(10), updates: [bytes(11)], seq: 2 });
  expect(await store.compact('p/shotlist', bytes(12), 2, 4)).toBe('compacted');
  expect(await store.compact('p/shotlist', bytes(13), 2, 3)).toBe('fenced');
  expect(await store.load('p/shotlist')).toEqual({ snapshot: bytes(12), updates: [], seq: 2 });
}

export function registerDocumentStoreContract(
  name: string,
  open: () => Promise<DocumentStore & VersionStore>,
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const opened: Array<DocumentStore & VersionStore> = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const store = async () => {
      const s = await open();
      opened.push(s);
      return s;
    };
    const doc = () => `${randomUUID()}/breakdown`;

    it('loads an unknown document as empty', async () => {
      const s = await store();
      expect(await s.load(doc())).toEqual({ snapshot: null, updates: [], seq: 0 });
      expect(await s.ready()).toBe(true);
    });

    it('round-trips appended updates in append order', async () => {
      const s = await store();
      const d = doc();
      await s.append([{ docName: d, update: bytes(1) }]);
      await s.append([
        { docName: d, update: bytes(2, 2) },
        { docName: d, update: bytes(3, 3, 3) },
      ]);
      const loaded = await s.load(d);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates).toEqual([bytes(1), bytes(2, 2), bytes(3, 3, 3)]);
      expect(loaded.seq).toBe(3);
    });

    it('gives each document its own increasing seqs, in entry order', async () => {
      const s = await store();
      const [a, b] = [doc(), doc()];
      expect(await s.append([{ docName: a, update: bytes(1) }])).toEqual([1]);
      const seqs = await s.append([
        { docName: b, update: bytes(2) },
        { docName: a, update: bytes(3) },
        { docName: b, update: bytes(4) },
        { docName: a, update: bytes(5) },
      ]);
      expect(seqs).toEqual([1, 2, 2, 3]);
      expect((await s.load(a)).updates).toEqual([bytes(1), bytes(3), bytes(5)]);
      expect((await s.load(b)).updates).toEqual([bytes(2), bytes(4)]);
      expect(await s.append([])).toEqual([]);
    });

    it('writes nothing from a batch when one entry fails', async () => {
      const s = await store();
      const [a, b] = [doc(), doc()];
      await s.append([{ docName: a, update: bytes(0) }]);
      const bad = { docName: b, update: null as unknown as Uint8Array };
      await expect(
        s.append([{ docName: a, update: bytes(1) }, { docName: b, update: bytes(2) }, bad]),
      ).rejects.toBeInstanceOf(StorageError);
      expect(await s.load(a)).toEqual({ snapshot: null, updates: [bytes(0)], seq: 1 });
      expect(await s.load(b)).toEqual({ snapshot: null, updates: [], seq: 0 });
      // The failed batch consumed no seqs.
      expect(await s.append([{ docName: a, update: bytes(9) }])).toEqual([2]);
    });

    it('rejects with a StorageError naming the document once closed, and keeps nothing', async () => {
      const d = doc();
      const closed = await open();
      await closed.close();
      expect(await closed.ready()).toBe(false);
      const failure = closed.append([{ docName: d, update: bytes(1) }]);
      await expect(failure).rejects.toBeInstanceOf(StorageError);
      await expect(failure).rejects.toMatchObject({ docName: d });
      await expect(closed.load(d)).rejects.toBeInstanceOf(StorageError);
      expect(await (await store()).load(d)).toEqual({ snapshot: null, updates: [], seq: 0 });
    });

    it('compacts through the latest seq and replays later appends on top', async () => {
      const s = await store();
      const d = doc();
      await s.append([1, 2, 3].map((n) => ({ docName: d, update: bytes(n) })));
      await s.compact(d, bytes(7, 7), 3);
      expect(await s.load(d)).toEqual({ snapshot: bytes(7, 7), updates: [], seq: 3 });
      expect(await s.append([{ docName: d, update: bytes(4) }])).toEqual([4]);
      expect(await s.load(d)).toEqual({ snapshot: bytes(7, 7), updates: [bytes(4)], seq: 4 });
    });

    it('keeps the rows after throughSeq when compacting below the latest seq', async () => {
      const s = await store();
      const d = doc();
      await s.append([1, 2, 3, 4, 5].map((n) => ({ docName: d, update: bytes(n) })));
      await s.compact(d, bytes(8), 2);
      expect(await s.load(d)).toEqual({
        snapshot: bytes(8),
        updates: [bytes(3), bytes(4), bytes(5)],
        seq: 5,
      });
    });

    it('ignores a compaction older than the stored snapshot and refuses one past the latest seq', async () => {
      const s = await store();
      const d = doc();
      await s.append([1, 2, 3, 4].map((n) => ({ docName: d, update: bytes(n) })));
      expect(await s.compact(d, bytes(40), 4)).toBe('compacted');
      expect(await s.compact(d, bytes(20), 2)).toBe('superseded');
      expect(await s.load(d)).toEqual({ snapshot: bytes(40), updates: [], seq: 4 });
      await expect(s.compact(d, bytes(50), 5)).rejects.toMatchObject({ name: 'StorageError', docName: d });
      expect(await s.append([{ docName: d, update: bytes(5) }])).toEqual([5]);
    });

    it('accepts a compaction with a newer fencing token and refuses an older one, changing nothing', async () => {
      const s = await store();
      const d = doc();
      await s.append([1, 2, 3].map((n) => ({ docName: d, update: bytes(n) })));
      expect(await s.compact(d, bytes(20), 2, 5)).toBe('compacted');
      expect(await s.compact(d, bytes(30), 3, 6)).toBe('compacted');
      await s.append([{ docName: d, update: bytes(4) }]);
      // A holder that paused past its lease: its snapshot would cover seq 4, but its token is stale.
      expect(await s.compact(d, bytes(99), 4, 5)).toBe('fenced');
      expect(await s.load(d)).toEqual({ snapshot: bytes(30), updates: [bytes(4)], seq: 4 });
      expect(await s.compact(d, bytes(40), 4, 6)).toBe('compacted');
      expect(await s.load(d)).toEqual({ snapshot: bytes(40), updates: [], seq: 4 });
    });

    it('compacts without a token as before, and still refuses a stale token after that', async () => {
      const s = await store();
      const d = doc();
      await s.append([1, 2].map((n) => ({ docName: d, update: bytes(n) })));
      expect(await s.compact(d, bytes(10), 1)).toBe('compacted');
      expect(await s.compact(d, bytes(20), 2, 3)).toBe('compacted');
      await s.append([{ docName: d, update: bytes(3) }]);
      expect(await s.compact(d, bytes(30), 3)).toBe('compacted');
      await s.append([{ docName: d, update: bytes(4) }]);
      expect(await s.compact(d, bytes(99), 4, 2)).toBe('fenced');
      expect(await s.load(d)).toEqual({ snapshot: bytes(30), updates: [bytes(4)], seq: 4 });
      expect(await s.compact(d, bytes(40), 4, 3)).toBe('compacted');
      expect(await s.load(d)).toEqual({ snapshot: bytes(40), updates: [], seq: 4 });
    });

    it('keeps fencing tokens per document and rejects one that is not a token', async () => {
      const s = await store();
      const [a, b] = [doc(), doc()];
      await s.append([
        { docName: a, update: bytes(1) },
        { docName: b, update: bytes(2) },
      ]);
      expect(await s.compact(a, bytes(10), 1, 9)).toBe('compacted');
      expect(await s.compact(b, bytes(20), 1, 1)).toBe('compacted');
      await expect(s.compact(a, bytes(11), 1, -1)).rejects.toMatchObject({
        name: 'StorageError',
        docName: a,
      });
      await expect(s.compact(a, bytes(11), 1, 1.5)).rejects.toBeInstanceOf(StorageError);
      expect(await s.load(a)).toEqual({ snapshot: bytes(10), updates: [], seq: 1 });
    });

    it('remembers the accepted fencing token across instances over the same database', async () => {
      const first = await store();
      const d = doc();
      await first.append([1, 2].map((n) => ({ docName: d, update: bytes(n) })));
      expect(await first.compact(d, bytes(10), 1, 7)).toBe('compacted');
      await first.close();
      const second = await store();
      expect(await second.compact(d, bytes(20), 2, 6)).toBe('fenced');
      expect(await second.load(d)).toEqual({ snapshot: bytes(10), updates: [bytes(2)], seq: 2 });
    });

    it('shows everything to a new instance over the same database', async () => {
      const first = await store();
      const [a, b] = [doc(), doc()];
      await first.append([
        { docName: a, update: bytes(1) },
        { docName: b, update: bytes(2) },
        { docName: a, update: bytes(3) },
      ]);
      await first.compact(a, bytes(13), 1);
      await first.close();
      const second = await store();
      expect(await second.load(a)).toEqual({ snapshot: bytes(13), updates: [bytes(3)], seq: 2 });
      expect(await second.load(b)).toEqual({ snapshot: null, updates: [bytes(2)], seq: 1 });
      expect(await second.append([{ docName: a, update: bytes(4) }])).toEqual([3]);
    });

    it('deletes a document entirely and leaves the others', async () => {
      const s = await store();
      const [a, b] = [doc(), doc()];
      await s.append([
        { docName: a, update: bytes(1) },
        { docName: a, update: bytes(2) },
        { docName: b, update: bytes(3) },
      ]);
      await s.compact(a, bytes(12), 1);
      await s.delete(a);
      expect(await s.load(a)).toEqual({ snapshot: null, updates: [], seq: 0 });
      expect((await s.load(b)).updates).toEqual([bytes(3)]);
      await s.delete(doc());
    });

    it('rebuilds the same Y.Doc after random appends and compactions (seed 20240611)', async () => {
      const s = await store();
      const d = doc();
      const random = prng(20_240_611);
      const source = new Y.Doc();
      const pending: Uint8Array[] = [];
      source.on('update', (update: Uint8Array) => pending.push(update));
      const shots = source.getArray<string>('shots');
      const notes = source.getMap<number>('notes');
      for (let round = 0; round < 40; round++) {
        source.transact(() => {
          if (shots.length > 0 && random() < 0.3) shots.delete(Math.floor(random() * shots.length), 1);
          shots.insert(Math.floor(random() * (shots.length + 1)), [`shot-${round}`]);
          notes.set(`n${Math.floor(random() * 5)}`, round);
        });
        const seqs = await s.append(pending.splice(0).map((update) => ({ docName: d, update })));
        if (random() < 0.25) {
          // Compact from what the store holds, like the server does, sometimes short of the newest row.
          const held = await s.load(d);
          const through = random() < 0.5 ? held.seq : Math.max(0, seqs[0]! - 1);
          const rebuilt = new Y.Doc();
          if (held.snapshot) Y.applyUpdate(rebuilt, held.snapshot);
          const keep = held.updates.length - (held.seq - through);
          for (const update of held.updates.slice(0, keep)) Y.applyUpdate(rebuilt, update);
          await s.compact(d, Y.encodeStateAsUpdate(rebuilt), through);
          rebuilt.destroy();
        }
      }
      const loaded = await s.load(d);
      const copy = new Y.Doc();
      if (loaded.snapshot) Y.applyUpdate(copy, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(copy, update);
      expect(copy.getArray('shots').toJSON()).toEqual(shots.toJSON());
      expect(copy.getMap('notes').toJSON()).toEqual(notes.toJSON());
      expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
      copy.destroy();
      source.destroy();
    });

    it('appends a batch of 2,500 updates over three documents with the right seqs', async () => {
      const s = await store();
      const docs = [doc(), doc(), doc()];
      const entries = Array.from({ length: 2_500 }, (_, i) => ({
        docName: docs[i % 3]!,
        update: bytes(i % 256, i >> 8),
      }));
      const seqs = await s.append(entries);
      expect(seqs.slice(0, 4)).toEqual([1, 1, 1, 2]);
      expect(seqs.at(-1)).toBe(834);
      const first = await s.load(docs[0]!);
      expect(first.seq).toBe(834);
      expect(first.updates[833]).toEqual(bytes(2_499 % 256, 2_499 >> 8));
      expect((await s.load(docs[2]!)).seq).toBe(833);
    });

    it('round-trips a 5 MB update', async () => {
      const s = await store();
      const d = doc();
      const large = new Uint8Array(5 * 1024 * 1024);
      for (let i = 0; i < large.length; i += 4096) large[i] = i % 251;
      large[large.length - 1] = 42;
      expect(await s.append([{ docName: d, update: large }])).toEqual([1]);
      const loaded = await s.load(d);
      expect(loaded.updates).toHaveLength(1);
      expect(Buffer.compare(Buffer.from(loaded.updates[0]!), Buffer.from(large))).toBe(0);
      await s.compact(d, large, 1);
      expect(Buffer.compare(Buffer.from((await s.load(d)).snapshot!), Buffer.from(large))).toBe(0);
    });

    describe('versions', () => {
      const author = { id: 'm1', name: 'Ana Director' };
      const version = (
        docName: string,
        id: string,
        createdAt: number,
        state: Uint8Array = bytes(1, 2, 3),
      ) => ({
        id,
        docName,
        name: `v ${id}`,
        note: null,
        createdAt,
        createdBy: author,
        state,
      });

      it("stores a version with its state and lists a document's versions newest first", async () => {
        const s = await store();
        const [d, other] = [doc(), doc()];
        const state = Y.encodeStateAsUpdate(new Y.Doc());
        const first = await s.createVersion({
          ...version(d, randomUUID(), 1_000, state),
          note: 'before the move',
        });
        expect(first).toEqual({
          id: first.id,
          docName: d,
          name: first.name,
          note: 'before the move',
          createdAt: 1_000,
          createdBy: author,
          approved: null,
          size: state.byteLength,
        });
        const second = await s.createVersion(version(d, randomUUID(), 2_000));
        await s.createVersion(version(other, randomUUID(), 3_000));
        expect((await s.listVersions(d)).map((v) => v.id)).toEqual([second.id, first.id]);
        expect(await s.versionState(d, first.id)).toEqual(state);
        expect(await s.getVersion(d, second.id)).toEqual(second);
        // Another document's version is not found under this one.
        expect(await s.getVersion(other, first.id)).toBeNull();
        expect(await s.versionState(other, first.id)).toBeNull();
        // A new instance over the same database sees them.
        expect((await (await store()).listVersions(d)).length).toBe(2);
      });

      it('keeps the first approval and never deletes an approved version', async () => {
        const s = await store();
        const d = doc();
        const v = await s.createVersion(version(d, randomUUID(), 1_000));
        const producer = { id: 'm2', name: 'Pat Producer' };
        const approved = await s.approveVersion(d, v.id, 5_000, producer);
        expect(approved?.approved).toEqual({ at: 5_000, by: producer });
        const again = await s.approveVersion(d, v.id, 9_000, author);
        expect(again?.approved).toEqual({ at: 5_000, by: producer });
        expect(await s.approveVersion(doc(), v.id, 9_000, author)).toBeNull();
        expect(await s.deleteVersion(d, v.id)).toBe('approved');
        expect(await s.getVersion(d, v.id)).not.toBeNull();
        const draft = await s.createVersion(version(d, randomUUID(), 2_000));
        expect(await s.deleteVersion(doc(), draft.id)).toBe('missing');
        expect(await s.deleteVersion(d, draft.id)).toBe('deleted');
        expect(await s.deleteVersion(d, draft.id)).toBe('missing');
        expect((await s.listVersions(d)).map((x) => x.id)).toEqual([v.id]);
      });

      it('keeps versions when the live document is compacted or deleted', async () => {
        const s = await store();
        const d = doc();
        await s.append([{ docName: d, update: bytes(1) }]);
        const v = await s.createVersion(version(d, randomUUID(), 1_000, bytes(7, 7)));
        await s.compact(d, bytes(9), 1);
        await s.delete(d);
        expect(await s.versionState(d, v.id)).toEqual(bytes(7, 7));
      });
    });
  });
}
