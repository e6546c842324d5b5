/**
 * How much one writer can grow a board and the server: a document has a maximum size (an edit past it is
 * refused with 4422 and changes nothing), and a connection a byte budget, so one writer pushing as fast as
 * it can moves the server's memory by a bounded amount.
 */
import fs from 'node:fs';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config';
import { CLOSE_REASONS, CloseCode, stockClientRetries } from '../../shared/close-codes';
import {
  createProduction,
  connectBoard,
  spawnServer,
  startTestServer,
  stopSpawned,
  tempDataDir,
  whenSynced,
} from '../helpers/test-server';
import { connect, startSync, storedDoc, synced } from './helpers';

const wait = { timeout: 10_000, interval: 20 };

describe('document size cap', () => {
  it('[R8] refuses an edit that would pass the cap with 4422 (not retried); the board stays as it was, and deletions make room', async () => {
    const maxDocumentBytes = 256 * 1024;
    const server = await startSync({ limits: { maxDocumentBytes } });
    const { tokens } = server.backend.team;
    const docName = server.docName('moodboard');
    const writer = connect(server, 'moodboard', tokens.director);
    const reader = connect(server, 'moodboard', tokens.department);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    let closeReason = '';
    writer.provider.on('connection-close', (event: CloseEvent | null) => (closeReason = event?.reason ?? ''));
    const gaveUp = new Promise<void>((resolve) => writer.provider.on('closed', () => resolve()));

    // 40 cards of 16 KiB (640 KiB) in one loop: the board fills up on the way.
    const card = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 40; i++) writer.doc.getMap('cards').set(`c${i}`, card);
    await vi.waitFor(() => expect(writer.closes).toContain(CloseCode.DocumentTooLarge), wait);
    expect(closeReason).toBe(CLOSE_REASONS[CloseCode.DocumentTooLarge]);
    // A stock provider does not come back to send the same edit again.
    await gaveUp;
    expect(stockClientRetries(CloseCode.DocumentTooLarge)).toBe(false);
    expect(writer.provider.shouldConnect).toBe(false);

    // What the server kept is a prefix of the cards, under the cap, the same in the store and on the reader.
    await server.sync.withDocument(docName, () => undefined);
    const stored = await storedDoc(server.backend.store, docName);
    const kept = stored.getMap('cards').size;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(40);
    for (let i = 0; i < kept; i++) expect(stored.getMap('cards').has(`c${i}`)).toBe(true);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(maxDocumentBytes);
    await vi.waitFor(() => expect(reader.doc.getMap('cards').size).toBe(kept), wait);
    expect(reader.doc.getMap('cards').has(`c${kept}`)).toBe(false);
    expect(reader.closes).toEqual([]);

    // The director, on another tablet, clears some room: deletions pass at the cap, then a new card fits.
    const editor = connect(server, 'moodboard', tokens.director);
    await synced(editor.provider);
    for (let i = 0; i < 5; i++) editor.doc.getMap('cards').delete(`c${i}`);
    await vi.waitFor(() => expect(reader.doc.getMap('cards').size).toBe(kept - 5), wait);
    editor.doc.getMap('cards').set('note', 'Blue hour at the dock');
    await vi.waitFor(
      () => expect(reader.doc.getMap('cards').get('note')).toBe('Blue hour at the dock'),
      wait,
    );
    expect(editor.closes).toEqual([]);
  });
});

describe('document size cap from the environment', () => {
  it('[R8] SETBOARD_MAX_DOCUMENT_BYTES caps the boards of the whole server, and a bad value is refused at start', async () => {
    expect(() => loadConfig({ SETBOARD_MAX_DOCUMENT_BYTES: 'lots' })).toThrow(/SETBOARD_MAX_DOCUMENT_BYTES/);
    expect(loadConfig({}).limits.maxDocumentBytes).toBe(64 * 1024 * 1024);
    const server = await startTestServer({ SETBOARD_MAX_DOCUMENT_BYTES: String(128 * 1024) });
    onTestFinished(() => server.close());
    const production = await createProduction(server.origin);
    const director = await production.member('director');
    const { doc, provider } = connectBoard(
      server.wsOrigin,
      production.productionId,
      'moodboard',
      director.token,
    );
    onTestFinished(() => provider.destroy());
    const closes: number[] = [];
    provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    await whenSynced(provider);
    for (let i = 0; i < 20; i++) doc.getMap('cards').set(`c${i}`, 'x'.repeat(16 * 1024));
    await vi.waitFor(() => expect(closes).toContain(CloseCode.DocumentTooLarge), wait);
    const reader = connectBoard(server.wsOrigin, production.productionId, 'moodboard', production.ownerToken);
    onTestFinished(() => reader.provider.destroy());
    await whenSynced(reader.provider);
    expect(reader.doc.getMap('cards').size).toBeLessThan(20);
    expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThanOrEqual(128 * 1024);
  });
});

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

describe('one writer pushing as fast as it can', () => {
  it('[R7] moves the server by a bounded amount: bytes accepted at the budget, RSS bounded, others still sync', async () => {
    const dataDir = tempDataDir();
    onTestFinished(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const server = await spawnServer(dataDir);
    onTestFinished(async () => {
      await stopSpawned(server, 'SIGKILL');
    });
    const pid = server.child.pid!;
    const { maxBytesPerSecond } = loadConfig({}).limits;
    const production = await createProduction(server.origin);
    const director = await production.member('director');
    const url = `${server.wsOrigin}/sync/${production.productionId}/moodboard?token=${director.token}`;
    const ws = new WebSocket(url);
    onTestFinished(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const closes: number[] = [];
    ws.on('close', (code) => closes.push(code));
    const baseline = rssBytes(pid);

    // 256 KiB cards, as many as the socket takes (up to 8 MiB queued here), for five seconds.
    const doc = new Y.Doc();
    const text = 'y'.repeat(256 * 1024);
    let n = 0;
    const frame = () => {
      let update: Uint8Array = new Uint8Array();
      doc.once('update', (u: Uint8Array) => (update = u));
      doc.getMap('cards').set(`c${n++}`, text);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, update);
      return encoding.toUint8Array(encoder);
    };
    let peak = baseline;
    const started = performance.now();
    while (performance.now() - started < 5_000 && ws.readyState === WebSocket.OPEN) {
      while (ws.bufferedAmount < 8 * 1024 * 1024) ws.send(frame());
      peak = Math.max(peak, rssBytes(pid));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;

    // A stock provider joining now syncs, and gets what was accepted: about the budget per second.
    const joiner = connectBoard(server.wsOrigin, production.productionId, 'moodboard', director.token);
    onTestFinished(() => joiner.provider.destroy());
    await whenSynced(joiner.provider, 10_000);
    const accepted = Y.encodeStateAsUpdate(joiner.doc).byteLength;
    peak = Math.max(peak, rssBytes(pid));
    const growthMiB = (peak - baseline) / 2 ** 20;
    console.log(
      `one writer for ${seconds.toFixed(1)} s: ${(accepted / 2 ** 20).toFixed(1)} MiB accepted, ` +
        `server RSS ${(baseline / 2 ** 20).toFixed(0)} -> peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );
    // One second's burst plus the budget for the time it pushed, plus a card in flight.
    expect(accepted).toBeLessThanOrEqual(maxBytesPerSecond * (seconds + 2) + 512 * 1024);
    expect(accepted).toBeGreaterThan(maxBytesPerSecond * 2);
    expect(growthMiB).toBeLessThan(150);
    // Throttled, not closed.
    expect(closes).toEqual([]);
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(200);
  });
});
