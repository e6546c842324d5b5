import { describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config';
import type { DocumentStore } from '../../server/storage/document-store';
import { connect, openBackend, rawClient, startSync, storedDoc, synced } from './helpers';

const WRITERS = 10;
const UPDATES_PER_WRITER = 1_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Pre-encoded update frames of one writer: each a new map entry, as a tablet typing would send them. */
function writerFrames(writer: number): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    frames.push(encoding.toUint8Array(encoder));
  });
  for (let i = 0; i < UPDATES_PER_WRITER; i++) doc.getMap('shots').set(`w${writer}-${i}`, i);
  return frames;
}

describe('group commit under a burst', () => {
  it('stores a burst of 10,000 updates from 10 writers, one append per turn', async () => {
    const backend = await openBackend();
    const latencies: number[] = [];
    let entries = 0;
    const timed: DocumentStore = {
      ...backend.store,
      load: (docName) => backend.store.load(docName),
      append: async (batch) => {
        const started = performance.now();
        const seqs = await backend.store.append(batch);
        latencies.push(performance.now() - started);
        entries += batch.length;
        return seqs;
      },
      compact: (...args) => backend.store.compact(...args),
      close: async () => {},
    };
    const server = await startSync({
      backend: { ...backend, store: timed },
      limits: { maxUpdatesPerSecond: 100_000, compactDebounceMs: 60_000 },
    });
    const frames = Array.from({ length: WRITERS }, (_, w) => writerFrames(w));
    const clients = await Promise.all(
      frames.map(() => rawClient(server, 'shotlist', backend.team.tokens.director)),
    );
    const started = performance.now();
    // Each writer sends 50 updates a tick: a burst spread over many event-loop turns, as tablets would.
    const pending = frames.map((list) => [...list]);
    await new Promise<void>((resolve) => {
      const tick = () => {
        clients.forEach((client, w) => {
          for (const frame of pending[w]!.splice(0, 50)) client.ws.send(frame);
        });
        if (pending.some((list) => list.length > 0)) setImmediate(tick);
        else resolve();
      };
      tick();
    });
    const total = WRITERS * UPDATES_PER_WRITER;
    await vi.waitFor(
      async () => expect((await server.metrics.updatesReceived.get()).values[0]?.value).toBe(total),
      { timeout: 60_000, interval: 20 },
    );
    await server.sync.withDocument(server.docName('shotlist'), () => undefined); // the last batch is durable
    const elapsed = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `burst of ${total} updates: ${latencies.length} appends (${entries} rows), ` +
        `append p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(2)} ms; all durable in ${elapsed.toFixed(0)} ms`,
    );
    const stored = await storedDoc(backend.store, server.docName('shotlist'));
    expect(stored.getMap('shots').size).toBe(total);
    expect(latencies.length).toBeLessThan(total); // grouped, not one append per update
    for (const client of clients) expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});

describe('a burst from a well-behaved client', () => {
  it('[R2] 300 edits in one loop from a stock provider reach another within 5 s, with default limits and no close', async () => {
    // The production defaults (100 updates/s): the burst is three seconds' worth, so it must be throttled.
    const { limits } = loadConfig({});
    const server = await startSync({ limits });
    const { tokens } = server.backend.team;
    const paster = connect(server, 'shotlist', tokens.director);
    const watcher = connect(server, 'shotlist', tokens.ad);
    await Promise.all([synced(paster.provider), synced(watcher.provider)]);

    const started = performance.now();
    // A bulk paste: one transaction (one update frame) per row, all in one event-loop turn.
    for (let i = 0; i < 300; i++) paster.doc.getMap('shots').set(`s${i}`, { code: `${i}A`, lens: '35mm' });
    await vi.waitFor(() => expect(watcher.doc.getMap('shots').size).toBe(300), {
      timeout: 5_000,
      interval: 20,
    });
    const elapsed = performance.now() - started;
    console.log(`300 edits from one stock provider reached the other in ${elapsed.toFixed(0)} ms`);
    expect(paster.closes).toEqual([]);
    expect(watcher.closes).toEqual([]);
    expect((await server.metrics.closes.get()).values).toEqual([]);
    // And all of it is stored.
    await vi.waitFor(async () => {
      const stored = await storedDoc(server.backend.store, server.docName('shotlist'));
      expect(stored.getMap('shots').size).toBe(300);
    });
  });
});
