import net from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, stockClientRetries } from '../../shared/close-codes';
import { connect, rawClient, startSync, storedDoc, synced } from './helpers';

const wait = { timeout: 10_000 };

function frame(...parts: Array<number | number[] | Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeUint8Array(encoder, Uint8Array.from(part));
  }
  return encoding.toUint8Array(encoder);
}

/** A real update (one map entry) to build bad variants from. */
function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('scenes').set('99', 'forged');
  return Y.encodeStateAsUpdate(doc);
}

const update = realUpdate();
const withLength = (bytes: Uint8Array) => frame(bytes.length, bytes);

const MALFORMED: Array<[string, Uint8Array | string, number]> = [
  ['text frame', 'hello', CloseCode.MalformedMessage],
  ['truncated varint', frame([0x80]), CloseCode.MalformedMessage],
  [
    'varint over 2^53',
    frame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    CloseCode.MalformedMessage,
  ],
  ['unknown message type', frame(7, 0), CloseCode.MalformedMessage],
  ['unknown sync type', frame(0, 5, withLength(update)), CloseCode.MalformedMessage],
  ['update that is not a Yjs update', frame(0, 2, withLength(Uint8Array.from([1, 1, 1, 0, 31]))), 4400],
  ['update with trailing garbage', frame(0, 2, withLength(Uint8Array.from([...update, 0]))), 4400],
  ['update cut short', frame(0, 2, withLength(update.subarray(0, update.length - 3))), 4400],
  ['sync step 2 with trailing bytes after it', frame(0, 1, withLength(update), [0]), 4400],
  ['awareness state that is not JSON', frame(1, withLength(frame(1, 5, 1, withLength(frame([0x7b]))))), 4400],
  ['frame over maxFrameBytes', frame(0, 2, withLength(new Uint8Array(70_000))), CloseCode.FrameTooLarge],
];

describe('limits and malformed input', () => {
  it.each(MALFORMED)(
    'closes a connection sending %s with its code; others sync on',
    async (_name, bad, code) => {
      const server = await startSync({ limits: { maxFrameBytes: 64 * 1024 } });
      const { tokens } = server.backend.team;
      const a = connect(server, 'breakdown', tokens.producer);
      const b = connect(server, 'breakdown', tokens.ad);
      await Promise.all([synced(a.provider), synced(b.provider)]);
      a.doc.getMap('scenes').set('1', 'Harbour');
      await vi.waitFor(() => expect(b.doc.getMap('scenes').get('1')).toBe('Harbour'), wait);
      const docName = server.docName('breakdown');
      await server.sync.withDocument(docName, () => undefined); // everything so far is durable
      const before = await server.backend.store.load(docName);

      const attacker = await rawClient(server, 'breakdown', tokens.director);
      attacker.ws.send(bad);
      expect((await attacker.closed).code).toBe(code);

      a.doc.getMap('scenes').set('2', 'Boat');
      await vi.waitFor(() => expect(b.doc.getMap('scenes').get('2')).toBe('Boat'), wait);
      expect(b.doc.getMap('scenes').has('99')).toBe(false);
      const stored = await storedDoc(server.backend.store, docName);
      expect(stored.getMap('scenes').has('99')).toBe(false);
      const after = await server.backend.store.load(docName);
      expect(after.seq).toBeGreaterThan(before.seq); // the '2' edit, and only what writers sent
      expect(a.closes).toEqual([]);
      expect(b.closes).toEqual([]);
      const closes = await server.metrics.closes.get();
      expect(closes.values.find((v) => v.labels.code === String(code))?.value).toBe(1);
    },
  );

  it('[R2] throttles a connection over its update and awareness rates instead of closing it: nothing is lost', async () => {
    const server = await startSync({ limits: { maxUpdatesPerSecond: 5, maxAwarenessPerSecond: 3 } });
    const { tokens } = server.backend.team;
    const docName = server.docName('schedule');
    const observer = connect(server, 'schedule', tokens.producer);
    await synced(observer.provider);
    const flooder = await rawClient(server, 'schedule', tokens.ad);
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      const doc = new Y.Doc();
      doc.getMap('days').set(String(i), i);
      flooder.ws.send(frame(0, 2, withLength(Y.encodeStateAsUpdate(doc))));
    }
    // A burst of one second's worth (5), then 5 a second: the last of 20 cannot arrive before 3 s.
    await vi.waitFor(() => expect(observer.doc.getMap('days').size).toBeGreaterThanOrEqual(5), wait);
    expect(observer.doc.getMap('days').size).toBeLessThan(20);
    await vi.waitFor(() => expect(observer.doc.getMap('days').size).toBe(20), wait);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect((await storedDoc(server.backend.store, docName)).getMap('days').size).toBe(20);

    const chatty = await rawClient(server, 'schedule', tokens.crew);
    for (let clock = 1; clock <= 10; clock++) {
      const state = [...new TextEncoder().encode(`{"n":${clock}}`)];
      chatty.ws.send(frame(1, withLength(frame(1, 77, clock, state.length, state))));
    }
    // Every change arrives, the last one last.
    await vi.waitFor(
      () => expect((observer.provider.awareness.getStates().get(77) as { n?: number })?.n).toBe(10),
      wait,
    );
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
    expect(chatty.ws.readyState).toBe(WebSocket.OPEN);
    expect(observer.closes).toEqual([]);
    expect((await server.metrics.closes.get()).values).toEqual([]);
  });

  it('[R3] closes a flood far past any real client with a code a stock provider retries (4029)', async () => {
    const server = await startSync();
    const { tokens } = server.backend.team;
    const observer = connect(server, 'schedule', tokens.producer);
    await synced(observer.provider);
    const flooder = await rawClient(server, 'schedule', tokens.crew);
    // 20,000 one-byte query-awareness frames in one go: no y-websocket client sends anything like it.
    for (let i = 0; i < 20_000; i++) flooder.ws.send(Uint8Array.of(3));
    const closed = await flooder.closed;
    expect(closed.code).toBe(CloseCode.RateLimited);
    expect(stockClientRetries(closed.code)).toBe(true);
    const rejected = await server.metrics.rejectedFrames.get();
    expect(rejected.values.find((v) => v.labels.reason === 'flood')?.value).toBe(1);
    observer.doc.getMap('days').set('1', 'Harbour');
    const reader = connect(server, 'schedule', tokens.ad);
    await vi.waitFor(() => expect(reader.doc.getMap('days').get('1')).toBe('Harbour'), wait);
    expect(observer.closes).toEqual([]);
  });

  it('closes a receiver that stops reading with SlowConsumer (4009) once its buffer passes the bound', async () => {
    // A large frame limit: the writer's answers to acknowledgements may carry several cards at once.
    const server = await startSync({
      limits: { sendBufferLimitBytes: 256 * 1024, maxFrameBytes: 16 * 1024 * 1024 },
    });
    const { tokens, productionId } = server.backend.team;
    const writer = connect(server, 'moodboard', tokens.director);
    await synced(writer.provider);
    // A client that completes the handshake and then never reads a byte (ws's own client resumes reading).
    const stalled = net.connect(server.port, '127.0.0.1');
    onTestFinished(() => {
      stalled.destroy();
    });
    stalled.write(
      `GET /sync/${productionId}/moodboard?token=${tokens.crew} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: c2V0Ym9hcmQtc3RhbGxlZA==\r\n\r\n',
    );
    stalled.pause();
    stalled.on('error', () => {});
    await vi.waitFor(() => expect(server.sync.stats().connections).toBe(2), wait);
    const card = 'x'.repeat(64 * 1024);
    let sent = 0;
    await vi.waitFor(
      async () => {
        // Keep writing until the server gives up on the stalled socket (kernel buffers absorb the first MBs).
        for (let i = 0; i < 20; i++) writer.doc.getMap('cards').set(`c${sent++}`, card);
        const closes = await server.metrics.closes.get();
        expect(closes.values.find((v) => v.labels.code === String(CloseCode.SlowConsumer))?.value).toBe(1);
      },
      { timeout: 20_000, interval: 50 },
    );
    // Only the stalled socket: the writer is still connected and syncing.
    expect(writer.closes).toEqual([]);
    writer.doc.getMap('cards').set('last', 'card');
    const reader = connect(server, 'moodboard', tokens.department);
    await vi.waitFor(() => expect(reader.doc.getMap('cards').get('last')).toBe('card'), wait);
  });

  it('terminates a socket that stops answering pings within two intervals, and closes an idle one with 4008', async () => {
    const server = await startSync({ limits: { pingIntervalMs: 100, idleTimeoutMs: 400 } });
    const { tokens } = server.backend.team;
    const url = `${server.url}/breakdown?token=${tokens.crew}`;
    const silent = new WebSocket(url, { autoPong: false });
    const idle = new WebSocket(url);
    const closeOf = (ws: WebSocket) =>
      new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const [silentClosed, idleClosed] = [closeOf(silent), closeOf(idle)];
    const opened = Date.now();
    expect(await silentClosed).toBe(1006);
    expect(Date.now() - opened).toBeLessThan(2 * 100 + 150);
    expect(await idleClosed).toBe(CloseCode.Timeout);
  });
});
