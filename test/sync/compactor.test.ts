/**
 * The compactor under a compaction lease, over the real SQLite store: it folds only while it holds the
 * lease, hands the lease's fencing token to the store, and treats a lost lease, a fenced compaction and a
 * broken lease store as outcomes that are logged, never as rejections.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { Compactor, type CompactionSource } from '../../server/sync/compactor';
import {
  InProcessCompactionLease,
  withLease,
  type CompactionLease,
  type LeaseOutcome,
} from '../../server/sync/compaction-lease';
import { SqliteDocumentStore } from '../../server/storage/sqlite-document-store';

const DOC = 'p1/shotlist';
const DEBOUNCE_MS = 20;

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}
const LEVEL = { debug: 20, info: 30, warn: 40 } as const;

function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A room's view of the document, reduced to what the compactor asks: the store is the whole truth here. */
function storeSource(store: SqliteDocumentStore): CompactionSource & { write(item: string): Promise<void> } {
  let seq = 0;
  const writer = new Y.Doc();
  onTestFinished(() => writer.destroy());
  return {
    busy: () => false,
    seq: () => seq,
    async prepare() {
      const stored = await store.load(DOC);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return { throughSeq: stored.seq, snapshot };
    },
    async write(item) {
      const before = Y.encodeStateVector(writer);
      writer.getArray<string>('shots').push([item]);
      [seq] = (await store.append([{ docName: DOC, update: Y.encodeStateAsUpdate(writer, before) }])) as [
        number,
      ];
    },
  };
}

async function setup(lease: CompactionLease) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-compactor-'));
  const store = new SqliteDocumentStore({ file: path.join(dir, 'documents.sqlite') });
  onTestFinished(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const source = storeSource(store);
  const { logger, lines } = capturingLogger();
  const compactor = new Compactor(DOC, store, source, DEBOUNCE_MS, logger, 0, lease);
  onTestFinished(() => compactor.stop());
  const shots = async () => {
    const stored = await store.load(DOC);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const items = doc.getArray<string>('shots').toArray();
    doc.destroy();
    return { items, logRows: stored.updates.length, compacted: stored.snapshot !== null };
  };
  return { store, source, compactor, lines, shots };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  expect(unhandled.splice(0)).toEqual([]);
});

describe('Compactor under a lease', () => {
  it('skips while another holder has the lease and compacts once it is released', async () => {
    const leases = new InProcessCompactionLease();
    const { source, compactor, lines, shots } = await setup(leases);
    const elsewhere = await leases.tryAcquire(DOC);
    if (!elsewhere.acquired) throw new Error('the first acquisition must succeed');
    await source.write('1A');
    await source.write('1B');

    await compactor.compact();
    expect(await shots()).toEqual({ items: ['1A', '1B'], logRows: 2, compacted: false });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.debug, msg: 'Compaction skipped', reason: 'held' }),
    );

    // Nobody writes again: the skipped compaction tries again on its own once the holder lets go.
    await elsewhere.lease.release();
    await expect
      .poll(shots, { timeout: 5_000 })
      .toEqual({ items: ['1A', '1B'], logRows: 0, compacted: true });
    expect(lines.filter((line) => line.level >= LEVEL.warn)).toEqual([]);
  });

  it("hands the lease's token to the store; a store that accepted a newer one fences it off without a failure", async () => {
    const leases = new InProcessCompactionLease();
    const { store, source, compactor, lines, shots } = await setup(leases);
    await source.write('2A');
    // Another holder with a newer token already compacted through seq 1.
    const newer = await source.prepare();
    expect(await store.compact(DOC, newer.snapshot, newer.throughSeq, 5)).toBe('compacted');
    await source.write('2B');

    await compactor.compact();
    expect(await shots()).toEqual({ items: ['2A', '2B'], logRows: 1, compacted: true });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.info, msg: 'Compaction fenced off', fencingToken: 1 }),
    );
    expect(lines.filter((line) => line.level >= LEVEL.warn)).toEqual([]);

    // The in-process tokens climb past the stored one, and the next holder's compaction is accepted.
    for (let token = 2; token <= 5; token++) {
      const outcome = await withLease(leases, DOC, async (fencingToken) => fencingToken);
      expect(outcome).toEqual({ ran: true, value: token });
    }
    await source.write('2C');
    await compactor.compact();
    expect(await shots()).toEqual({ items: ['2A', '2B', '2C'], logRows: 0, compacted: true });
  });

  it('a lease store that rejects on acquire skips the compaction, logged, with no unhandled rejection', async () => {
    const broken: CompactionLease = {
      tryAcquire: () => Promise.reject(new Error('lease database gone')),
      close: async () => {},
    };
    const { source, compactor, lines, shots } = await setup(broken);
    await source.write('3A');

    // Through the timer, where a rejection would have nobody to catch it.
    compactor.schedule();
    await expect
      .poll(() => lines.find((line) => line.msg === 'Compaction lease store failed'), { timeout: 5_000 })
      .toMatchObject({ level: LEVEL.warn, stage: 'acquire' });
    await expect(compactor.compact()).resolves.toBeUndefined();
    expect(await shots()).toEqual({ items: ['3A'], logRows: 1, compacted: false });
  });

  it('a lease whose release rejects still compacts, and the lease is left to expire', async () => {
    const inner = new InProcessCompactionLease();
    const brokenRelease: CompactionLease = {
      async tryAcquire(resource): Promise<LeaseOutcome> {
        const outcome = await inner.tryAcquire(resource);
        if (!outcome.acquired) return outcome;
        return {
          acquired: true,
          lease: { ...outcome.lease, release: () => Promise.reject(new Error('connection reset')) },
        };
      },
      close: () => inner.close(),
    };
    const { source, compactor, lines, shots } = await setup(brokenRelease);
    await source.write('4A');

    await expect(compactor.compact()).resolves.toBeUndefined();
    expect(await shots()).toEqual({ items: ['4A'], logRows: 0, compacted: true });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.warn, msg: 'Compaction lease store failed', stage: 'release' }),
    );
  });
});
