/**
 * A binary message framed once for every socket it goes to. Frames from a server are not masked (RFC 6455
 * 5.1), so the bytes on the wire are the same for every receiver: a broadcast builds the frame once and
 * makes one plain socket write per client, where ws.send would build a header and cork two writes per
 * client. The kernel's part of each write stays; see docs/BENCHMARKS.md for what this saves.
 */
import type { Socket } from 'node:net';
import type { ClientSocket } from './client-socket';

/** The ws internals the fast path relies on; when they are not as expected, ws.send does the work. */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state?: unknown; _queue?: unknown[] };
}

/** FIN set, opcode 2 (binary), no mask; the payload length in the shortest of the three encodings. */
function header(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65_536) {
    const h = Buffer.allocUnsafe(4);
    h[0] = 0x82;
    h[1] = 126;
    h.writeUInt16BE(length, 2);
    return h;
  }
  const h = Buffer.allocUnsafe(10);
  h[0] = 0x82;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

export class PreparedFrame {
  private wire: Buffer | null = null;

  constructor(readonly payload: Buffer) {}

  /** Header and payload in one buffer, built on first use. */
  get bytes(): Buffer {
    this.wire ??= Buffer.concat([header(this.payload.length), this.payload]);
    return this.wire;
  }
}

/**
 * Writes the prepared frame straight to the socket when ws has nothing of its own queued (no compression
 * or blob read in progress), which keeps every frame in order; otherwise (or when the socket is not ws's,
 * as in tests) hands the payload to send.
 */
export function sendPrepared(ws: ClientSocket, frame: PreparedFrame): void {
  const { _socket: socket, _sender: sender } = ws as unknown as WsInternals;
  if (socket && !socket.destroyed && sender && sender._state === 0 && sender._queue?.length === 0) {
    socket.write(frame.bytes);
  } else {
    ws.send(frame.payload);
  }
}
