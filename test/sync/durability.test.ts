import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CloseCode } from '../../shared/close-codes';
import { connect, gatedStore, openBackend, startSync, storedDoc, synced, type SyncServer } from './helpers';

const wait = { timeout: 15_000 };
const fixture = path.join(import.meta.dirname, 'fixtures/sync-server.ts');

async function spawnSyncServer(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line).port));
  });
  return { child, port, exited };
}

describe('durability', () => {
  it('loses no edit another client received when the server is killed with SIGKILL mid-burst', async () => {
    const backend = await openBackend();
    const { tokens, productionId } = backend.team;
    const first = await spawnSyncServer(backend.dataDir);
    const url = (port: number) => ({ url: `ws://127.0.0.1:${port}/sync/${productionId}` }) as SyncServer;
    const writer = connect(url(first.port), 'shotlist', tokens.director);
    const observer = connect(url(first.port), 'shotlist', tokens.crew);
    await Promise.all([synced(writer.provider), synced(observer.provider)]);

    const shots = writer.doc.getMap<number>('shots');
    const seen = observer.doc.getMap<number>('shots');
    let written = 0;
    // Keep editing, a few edits per tick, until the observer has seen a good part of the burst; then kill.
    const burst = setInterval(() => {
      for (let i = 0; i < 20 && written < 5_000; i++) shots.set(`shot-${written}`, written++);
    }, 1);
    await vi.waitFor(() => expect(seen.size).toBeGreaterThan(1_000), wait);
    first.child.kill('SIGKILL');
    clearInterval(burst);
    await first.exited;
    // Everything the observer received has been applied once its socket is gone.
    await vi.waitFor(() => expect(observer.provider.wsconnected).toBe(false), wait);
    const received = seen.toJSON();
    writer.provider.destroy();
    observer.provider.destroy();

    const second = await spawnSyncServer(backend.dataDir);
    const fresh = connect(url(second.port), 'shotlist', tokens.crew);
    await synced(fresh.provider);
    const restored = fresh.doc.getMap<number>('shots').toJSON();
    const missing = Object.keys(received).filter((key) => !(key in restored));
    expect(missing).toEqual([]);
    console.log(`SIGKILL test: ${written} edits sent, ${Object.keys(received).length} seen, all restored`);
  });

  it('flushes in-flight and pending appends on shutdown before closing sockets with 1012', async () => {
    const backend = await openBackend();
    const { store, control } = gatedStore(backend.store);
    const server = await startSync({ backend: { ...backend, store } });
    const writer = connect(server, 'breakdown', backend.team.tokens.producer);
    await synced(writer.provider);
    control.hold();
    writer.doc.getMap('scenes').set('1', 'Harbour');
    await vi.waitFor(() => expect(control.appendsStarted).toBe(1), wait);
    writer.doc.getMap('scenes').set('2', 'Boat'); // applied while the first append is held: the next batch
    await vi.waitFor(() =>
      expect(server.metrics.updatesReceived.get().then((m) => m.values[0]?.value)).resolves.toBe(2),
    );

    const shutdown = server.sync.shutdown();
    control.release();
    await shutdown;
    const stored = await storedDoc(backend.store, server.docName('breakdown'));
    expect(stored.getMap('scenes').toJSON()).toEqual({ 1: 'Harbour', 2: 'Boat' });
    await vi.waitFor(() => expect(writer.closes).toContain(CloseCode.Restarting), wait);
  });

  it('rebuilds a document from its compacted snapshot plus the log after it', async () => {
    const server = await startSync({ limits: { compactDebounceMs: 20 } });
    const docName = server.docName('schedule');
    await server.sync.withDocument(docName, (doc) => doc.getMap('days').set('d1', 'Harbour'));
    await vi.waitFor(
      async () => expect((await server.backend.store.load(docName)).updates).toEqual([]),
      wait,
    );
    await server.sync.withDocument(docName, (doc) => doc.getMap('days').set('d2', 'Boat'));
    const stored = await server.backend.store.load(docName);
    expect(stored.snapshot).not.toBeNull();
    const rebuilt = await storedDoc(server.backend.store, docName);
    expect(rebuilt.getMap('days').toJSON()).toEqual({ d1: 'Harbour', d2: 'Boat' });
    const reader = connect(server, 'schedule', server.backend.team.tokens.crew);
    await synced(reader.provider);
    expect(reader.doc.getMap('days').toJSON()).toEqual({ d1: 'Harbour', d2: 'Boat' });
  });

  it('closes connections with 1013 (StorageUnavailable) and registers no room when a load fails; the next load works', async () => {
    const backend = await openBackend();
    const { store, control } = gatedStore(backend.store);
    const server = await startSync({ backend: { ...backend, store } });
    control.failLoads = true;
    const a = connect(server, 'moodboard', backend.team.tokens.director);
    const b = connect(server, 'moodboard', backend.team.tokens.department);
    await vi.waitFor(() => {
      expect(a.closes).toContain(CloseCode.StorageUnavailable);
      expect(b.closes).toContain(CloseCode.StorageUnavailable);
    }, wait);
    expect(server.sync.stats().documents).toBe(0);
    expect(control.appendsStarted).toBe(0);
    control.failLoads = false;
    await Promise.all([synced(a.provider), synced(b.provider)]); // the providers reconnect on their own
    a.doc.getMap('cards').set('c1', 'Palette');
    await vi.waitFor(() => expect(b.doc.getMap('cards').get('c1')).toBe('Palette'), wait);
  });

  it('shares one load among concurrent first connections, and unloads the document after the last leaves', async () => {
    const backend = await openBackend();
    const { store, control } = gatedStore(backend.store);
    const server = await startSync({ backend: { ...backend, store } });
    const { tokens } = backend.team;
    control.hold(); // loads wait until every connection has asked for the document
    const clients = (['producer', 'director', 'ad', 'department', 'crew'] as const).map((role) =>
      connect(server, 'breakdown', tokens[role]),
    );
    await vi.waitFor(() => expect(server.sync.stats().connections).toBe(5), wait);
    control.release();
    await Promise.all(clients.map((client) => synced(client.provider)));
    expect(control.loads).toBe(1);
    expect(server.sync.stats().documents).toBe(1);

    clients[0]!.doc.getMap('scenes').set('1', 'Harbour');
    await vi.waitFor(() => expect(clients[4]!.doc.getMap('scenes').get('1')).toBe('Harbour'), wait);
    for (const client of clients) client.provider.disconnect();
    await vi.waitFor(() => expect(server.sync.stats().documents).toBe(0), wait);
    expect((await server.metrics.unloads.get()).values[0]?.value).toBe(1);
    // Unloaded means flushed and compacted: the next load reads one snapshot.
    const stored = await backend.store.load(server.docName('breakdown'));
    expect(stored.updates).toEqual([]);
    const loadsBefore = control.loads; // compaction reads the store too
    const again = connect(server, 'breakdown', tokens.crew);
    await synced(again.provider);
    expect(again.doc.getMap('scenes').get('1')).toBe('Harbour');
    expect(control.loads).toBe(loadsBefore + 1);
  });
});
