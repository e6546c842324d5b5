/**
 * An in-memory WebSocket pair for driving the sync core without ws or a network, after tldraw sync-core's
 * TestSocketPair: the server end is a ClientSocket for `SyncService.accept`, the client end is what a test
 * (or HarnessClient) reads and writes. Nothing moves between the ends until the test flushes a direction,
 * so the order in which frames, closes and server work interleave is the test's to choose.
 *
 * Close handshake as in ws: the side that closes first waits for the other's close frame; the server end
 * emits 'close' (with the code) once the client's close frame is flushed to it. After terminate (or a cut)
 * the server end is CLOSING at once and emits 'close' with 1006 at the next flush, paused or not.
 */
import { EventEmitter } from 'node:events';
import { SocketState, type ClientSocket } from '../../../server/sync/client-socket';

type ToClient =
  { kind: 'frame'; data: Buffer } | { kind: 'ping' } | { kind: 'close'; code: number; reason: string };
type ToServer =
  { kind: 'frame'; data: Buffer; isBinary: boolean } | { kind: 'pong' } | { kind: 'close'; code: number };

class ServerEnd extends EventEmitter implements ClientSocket {
  readyState: number = SocketState.OPEN;
  bufferedAmount = 0;
  paused = false;

  constructor(private readonly pair: SocketPair) {
    super();
  }

  send(data: Buffer): void {
    if (this.readyState !== SocketState.OPEN) return;
    this.bufferedAmount += data.length;
    this.pair.toClient.push({ kind: 'frame', data: Buffer.from(data) });
  }

  close(code: number, reason: string): void {
    if (this.readyState !== SocketState.OPEN) return;
    this.readyState = SocketState.CLOSING;
    this.pair.toClient.push({ kind: 'close', code, reason });
  }

  terminate(): void {
    this.pair.cut();
  }

  ping(): void {
    if (this.readyState === SocketState.OPEN) this.pair.toClient.push({ kind: 'ping' });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }
}

export class ClientEnd {
  /** Binary frames the server sent, in order, as flushed so far. */
  readonly received: Uint8Array[] = [];
  /** The server's close frame (or 1006 for a cut), once it reached the client. */
  closed: { code: number; reason: string } | null = null;
  /** Called for every frame as it is flushed to the client. */
  onFrame: (data: Uint8Array) => void = () => {};
  private closing = false;

  constructor(private readonly pair: SocketPair) {}

  get isOpen(): boolean {
    return this.closed === null && !this.closing;
  }

  send(data: Uint8Array, isBinary = true): void {
    if (!this.isOpen) return;
    this.pair.toServer.push({ kind: 'frame', data: Buffer.from(data), isBinary });
  }

  close(code = 1000): void {
    if (!this.isOpen) return;
    this.closing = true;
    this.pair.toServer.push({ kind: 'close', code });
  }
}

export class SocketPair {
  /** @internal */ readonly toClient: ToClient[] = [];
  /** @internal */ readonly toServer: ToServer[] = [];
  readonly server = new ServerEnd(this);
  readonly client = new ClientEnd(this);

  /** Delivers what the server sent so far (frames, pings answered with pongs, its close frame). */
  flushToClient(): void {
    for (let item = this.toClient.shift(); item; item = this.toClient.shift()) {
      if (this.client.closed) continue;
      if (item.kind === 'frame') {
        this.server.bufferedAmount -= item.data.length;
        const data = new Uint8Array(item.data);
        this.client.received.push(data);
        this.client.onFrame(data);
      } else if (item.kind === 'ping') {
        this.toServer.push({ kind: 'pong' });
      } else {
        this.client.closed = { code: item.code, reason: item.reason };
        // The client answers the close frame with its own, as WebSocket clients do.
        this.toServer.push({ kind: 'close', code: item.code });
      }
    }
  }

  /** Delivers what the client sent so far; a paused server end receives nothing until resumed. */
  flushToServer(): void {
    const { server } = this;
    while (this.toServer.length > 0 && (!server.paused || this.toServer[0]!.kind === 'close')) {
      const item = this.toServer.shift()!;
      if (server.readyState === SocketState.CLOSED) continue;
      if (item.kind === 'frame') {
        if (server.readyState === SocketState.OPEN) server.emit('message', item.data, item.isBinary);
      } else if (item.kind === 'pong') {
        server.emit('pong');
      } else {
        // Either the client's answer to our close, or its own close (which we echo).
        const code = item.code;
        if (!this.client.closed) this.client.closed = { code, reason: '' };
        server.readyState = SocketState.CLOSED;
        this.toClient.length = 0;
        server.emit('close', code);
      }
    }
  }

  /** Both directions until neither has anything queued (server work that is asynchronous is not awaited). */
  flush(): void {
    while (
      this.toClient.length > 0 ||
      (this.toServer.length > 0 && (!this.server.paused || this.toServer[0]!.kind === 'close'))
    ) {
      this.flushToClient();
      this.flushToServer();
    }
  }

  /** The connection drops without a close frame (a tablet out of range, or the server's terminate). */
  cut(): void {
    if (this.server.readyState === SocketState.CLOSED || this.dropped) return;
    this.dropped = true;
    this.server.readyState = SocketState.CLOSING;
    this.toClient.length = 0;
    this.toServer.length = 0;
    this.server.bufferedAmount = 0;
    this.client.closed ??= { code: 1006, reason: '' };
    this.toServer.push({ kind: 'close', code: 1006 });
  }

  private dropped = false;
}
