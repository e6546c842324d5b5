import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { PreparedFrame, sendPrepared } from '../../server/sync/ws-frame';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A server socket and the client at its other end, collecting binary messages. */
async function pair(): Promise<{ server: WebSocket; received: Buffer[]; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  cleanups.push(() => new Promise((resolve) => wss.close(() => resolve())));
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanups.push(async () => client.terminate());
  const received: Buffer[] = [];
  client.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  return { server: await accepted, received, client };
}

describe('prepared frames', () => {
  it('arrive intact at every payload length encoding, in order with ordinary sends', async () => {
    const { server, received } = await pair();
    // 7-bit, 16-bit and 64-bit length encodings, each at its edges.
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const payloads = sizes.map((n, i) => Buffer.alloc(n, i + 1));
    payloads.forEach((payload, i) => {
      if (i % 2 === 0) sendPrepared(server, new PreparedFrame(payload));
      else server.send(payload);
    });
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(sizes.length);
    received.forEach((data, i) => expect(data.equals(payloads[i]!)).toBe(true));
  });

  it('builds the frame once however many sockets it goes to', async () => {
    const a = await pair();
    const b = await pair();
    const frame = new PreparedFrame(Buffer.from([0, 2, 1, 7]));
    sendPrepared(a.server, frame);
    const bytes = frame.bytes;
    sendPrepared(b.server, frame);
    expect(frame.bytes).toBe(bytes);
    await expect.poll(() => a.received.length + b.received.length, { timeout: 5_000 }).toBe(2);
    expect([...a.received[0]!]).toEqual([0, 2, 1, 7]);
    expect([...b.received[0]!]).toEqual([0, 2, 1, 7]);
  });
});
