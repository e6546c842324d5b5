/**
 * A tablet on set, for the shooting-day scenario: a stock y-websocket provider on one board of our server
 * with a user in awareness, and the set channel (socket.io-client with default options), as the app has.
 * Edits go through the model's operations (shared/model), so they are the same updates a real tablet sends
 * and the server's checks see them as such.
 *
 * Timing needs no marker: every edit makes new Yjs items, named (client id, clock). The writer records the
 * first clock its edit took and when it made it; each tablet records, for every `update` frame the server
 * relays, the item ranges it holds and when it arrived (after the provider applied it: our frame listener is
 * registered after the provider's). Joining the two says when each edit reached each other tablet, and an
 * item range that arrives twice is a doubled delivery.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Board } from '../../shared/boards';
import type { ClientToServerEvents, ServerToClientEvents, SetStatusValue } from '../../shared/set-channel';
import { now } from './shots';
import { yWebsocketDialect } from './wire';

export interface TabletSpec {
  id: string;
  board: Board;
  /** `ws://host:port/sync/<productionId>`; the board is the room. */
  serverUrl: string;
  /** `http://host:port`, where socket.io listens. */
  httpUrl: string;
  token: string;
  /** The member behind the token: day-log entries name them, as the app does. */
  member: { id: string; name: string };
}

/** An edit as its writer made it: the first new item's id and the time just before the operation ran. */
export interface SentEdit {
  board: Board;
  kind: string;
  client: number;
  clock: number;
  sentAt: number;
}

/** Items of one relayed frame: [client, clock, length, arrivedAt]. */
export type Arrival = [number, number, number, number];

type SetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const dialect = yWebsocketDialect();

export class Tablet {
  readonly doc = new Y.Doc();
  private provider: WebsocketProvider | null = null;
  private socket: SetSocket | null = null;
  /** Items received in `update` frames since the last reset. */
  arrivals: Arrival[] = [];
  /** Ranges that arrived a second time. */
  doubled = 0;
  /** Set-status broadcasts received since the last reset: [value, arrivedAt]. */
  statuses: Array<[SetStatusValue, number]> = [];
  /** Socket closes after the first sync. */
  drops = 0;
  private synced = false;
  private destroyed = false;

  constructor(readonly spec: TabletSpec) {}

  /** Opens the board and the set channel; resolves once both are up (board synced, channel connected). */
  async open(timeoutMs: number): Promise<void> {
    await Promise.all([this.openBoard(timeoutMs), this.openSetChannel(timeoutMs)]);
  }

  private openBoard(timeoutMs: number): Promise<void> {
    const { serverUrl, board, token, member } = this.spec;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`tablet ${this.spec.id} not synced within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const provider = new WebsocketProvider(serverUrl, board, this.doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token },
        disableBc: true,
      });
      this.provider = provider;
      provider.on('status', ({ status }: { status: string }) => {
        // A new socket on every (re)connect; the provider's own message handler was registered first.
        if (status === 'connected' && provider.ws) {
          provider.ws.addEventListener('message', (event: MessageEvent) => this.onFrame(event.data));
        }
      });
      provider.on('sync', (isSynced: boolean) => {
        if (!isSynced || this.synced) return;
        this.synced = true;
        clearTimeout(timer);
        resolve();
      });
      provider.on('connection-close', () => {
        if (this.synced && !this.destroyed) this.drops++;
      });
      // What our client puts in presence; the server stamps `user` from the token anyway.
      provider.awareness.setLocalStateField('user', { name: member.name, color: '#2f6fde', board });
    });
  }

  private openSetChannel(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`tablet ${this.spec.id}: set channel not connected within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // Default options, as the app (client/src/sync/set-channel.ts) passes only the token.
      const socket: SetSocket = io(this.spec.httpUrl, { auth: { token: this.spec.token } });
      this.socket = socket;
      socket.on('set-status', (status) => {
        if (status) this.statuses.push([status.value, now()]);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        // The app says which board the device has open; the roster shows it.
        socket.emit('presence:board', this.spec.board);
        resolve();
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(new Error(`tablet ${this.spec.id}: set channel refused: ${error.message}`));
      });
    });
  }

  private onFrame(data: unknown): void {
    const at = now();
    const bytes =
      data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
    if (!bytes) return;
    const incoming = dialect.parse(bytes);
    // Only live relays: a sync step 2 answers this tablet's own state vector and may repeat nothing new.
    if (incoming.kind !== 'update') return;
    for (const struct of Y.decodeUpdate(incoming.payload).structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      const end = clock + struct.length;
      const overlaps = this.arrivals.some(([c, k, n]) => c === client && k < end && clock < k + n);
      if (overlaps) this.doubled++;
      else this.arrivals.push([client, clock, struct.length, at]);
    }
  }

  /**
   * Runs one model operation on this tablet's document and says which items it made. An operation that
   * writes nothing (a status it already had) makes none and is no edit.
   */
  edit(kind: string, op: (doc: Y.Doc) => void): SentEdit | null {
    const client = this.doc.clientID;
    const clock = Y.getState(this.doc.store, client);
    const sentAt = now();
    op(this.doc);
    if (Y.getState(this.doc.store, client) === clock) return null;
    return { board: this.spec.board, kind, client, clock, sentAt };
  }

  /** Calls the set status as the AD's tablet does; resolves with the server's answer. */
  setStatus(value: SetStatusValue): Promise<{ ok: boolean; error?: string; sentAt: number }> {
    const socket = this.socket;
    if (!socket) return Promise.resolve({ ok: false, error: 'no set channel', sentAt: now() });
    const sentAt = now();
    return new Promise((resolve) => {
      socket.emit('set-status:update', value, (result) =>
        resolve(result.ok ? { ok: true, sentAt } : { ok: false, error: result.error, sentAt }),
      );
    });
  }

  reset(): void {
    this.arrivals = [];
    this.doubled = 0;
    this.statuses = [];
  }

  /** The state vector, equal on two tablets of one board once they hold the same edits. */
  stateVector(): string {
    return Buffer.from(Y.encodeStateVector(this.doc)).toString('base64');
  }

  destroy(): void {
    this.destroyed = true;
    this.provider?.destroy();
    this.provider = null;
    this.socket?.disconnect();
    this.socket = null;
    this.doc.destroy();
  }
}
