/**
 * Stock y-websocket providers (default options) come back by themselves after the server closes them for a
 * transient reason: a slow consumer's backlog (4009) and idleness (4008). Each test checks the close code the
 * provider saw, that it reconnected, and that it resynced what it missed while away.
 */
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { CloseCode, stockClientRetries } from '../../shared/close-codes';
import { connect, startSync, synced } from './helpers';

const wait = { timeout: 15_000, interval: 20 };

function connectedCount(provider: { on(event: 'status', fn: (e: { status: string }) => void): void }) {
  let count = 0;
  provider.on('status', ({ status }) => {
    if (status === 'connected') count++;
  });
  return () => count;
}

describe('a stock provider recovers by itself', () => {
  it('[R4] after a slow-consumer close (4009): it reconnects and resyncs everything it missed', async () => {
    const server = await startSync({
      limits: { sendBufferLimitBytes: 256 * 1024, maxFrameBytes: 16 * 1024 * 1024 },
    });
    const { tokens } = server.backend.team;
    const writer = connect(server, 'moodboard', tokens.director);
    const tablet = connect(server, 'moodboard', tokens.department);
    await Promise.all([synced(writer.provider), synced(tablet.provider)]);
    const connections = connectedCount(tablet.provider);

    // The tablet stops reading (a busy main thread, a weak link): its socket's bytes pile up on the server.
    const socket = (tablet.provider.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const card = 'x'.repeat(64 * 1024);
    let written = 0;
    await vi.waitFor(async () => {
      for (let i = 0; i < 10; i++) writer.doc.getMap('cards').set(`c${written++}`, card);
      const closes = await server.metrics.closes.get();
      expect(closes.values.find((v) => v.labels.code === String(CloseCode.SlowConsumer))?.value).toBe(1);
    }, wait);
    // Edits made while the tablet is cut off.
    writer.doc.getMap('cards').set('while-away', 'note');
    socket.resume();

    await vi.waitFor(() => expect(tablet.closes).toContain(CloseCode.SlowConsumer), wait);
    expect(stockClientRetries(CloseCode.SlowConsumer)).toBe(true);
    await vi.waitFor(() => {
      expect(connections()).toBeGreaterThanOrEqual(1);
      expect(tablet.provider.synced).toBe(true);
      expect(tablet.doc.getMap('cards').get('while-away')).toBe('note');
      expect(tablet.doc.getMap('cards').size).toBe(writer.doc.getMap('cards').size);
    }, wait);
    // And it stays live: a later edit arrives without another reconnect.
    const reconnects = connections();
    writer.doc.getMap('cards').set('after', 'live');
    await vi.waitFor(() => expect(tablet.doc.getMap('cards').get('after')).toBe('live'), wait);
    expect(connections()).toBe(reconnects);
    expect(writer.closes).toEqual([]);
  });

  it('[R4] after an idle close (4008): it reconnects and resyncs what was written meanwhile', async () => {
    // The stock provider renews its awareness every 15 s; an idle limit below that closes a quiet tablet.
    const server = await startSync({ limits: { idleTimeoutMs: 1_000, pingIntervalMs: 200 } });
    const { tokens } = server.backend.team;
    const tablet = connect(server, 'schedule', tokens.crew);
    await synced(tablet.provider);
    const connections = connectedCount(tablet.provider);

    // Written while the tablet is away (between the close and its reconnect, at least 100 ms later): only its
    // resync can bring it.
    let edit: Promise<unknown> | null = null;
    tablet.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event?.code !== CloseCode.Timeout || edit) return;
      edit = server.sync.withDocument(server.docName('schedule'), (doc) =>
        doc.getMap('days').set('d1', 'Dock'),
      );
    });
    const resyncs: number[] = [];
    tablet.provider.on('sync', (isSynced: boolean) => {
      if (isSynced && edit) resyncs.push(Date.now());
    });
    await vi.waitFor(() => expect(tablet.closes).toContain(CloseCode.Timeout), wait);
    expect(stockClientRetries(CloseCode.Timeout)).toBe(true);
    await edit;
    await vi.waitFor(() => {
      expect(connections()).toBeGreaterThanOrEqual(1);
      expect(resyncs.length).toBeGreaterThanOrEqual(1);
      expect(tablet.doc.getMap('days').get('d1')).toBe('Dock');
    }, wait);
  });
});
