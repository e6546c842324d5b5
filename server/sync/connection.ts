/**
 * One sync WebSocket: decodes and validates its frames, enforces its limits (rate, idle, liveness, send
 * buffer), and hands valid messages to its room. Messages that arrive while the room is still loading wait
 * in order; limits apply to them on arrival all the same.
 */
import { canWrite, type Access, type Board } from '../../shared/boards';
import { CloseCode, CLOSE_REASONS } from '../../shared/close-codes';
import type { SyncLimits } from '../config';
import type { Principal } from '../directory/directory';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AwarenessUser } from '../protocol/awareness';
import { decodeClientMessage, type ClientMessage } from '../protocol/messages';
import { REJECT_CLOSE_CODES, type RejectReason } from '../protocol/reject';
import { SocketState, type ClientSocket } from './client-socket';
import type { TransactionOrigin } from './origin';
import { TokenBucket } from './token-bucket';
import { sendPrepared, type PreparedFrame } from './ws-frame';

/** How many awareness frames per second, as a multiple of the configured limit, a connection may send in all. */
export const AWARENESS_ECHO_ALLOWANCE = 20;

export interface ConnectionTarget {
  receive(connection: Connection, message: ClientMessage): void;
  detach(connection: Connection): void;
}

export interface ConnectionInfo {
  principal: Principal;
  productionId: string;
  board: Board;
  docName: string;
  access: Exclude<Access, 'none'>;
}

export interface ConnectionDeps {
  limits: SyncLimits;
  metrics: Metrics;
  logger: Logger;
  /** True once the service is shutting down: frames are no longer applied (the client resends them). */
  stopping(): boolean;
  onClosed(connection: Connection): void;
}

/** A first change this soon after the socket opened was made offline (see `firstChangeOnReturn`). */
const RETURNING_WRITER_MS = 2_000;

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  readonly origin: TransactionOrigin;
  readonly user: AwarenessUser;
  access: Exclude<Access, 'none'>;
  /**
   * Server step 1 messages sent and not yet answered: the stock client answers each with a step 2, which is
   * not charged to the update rate (the server asked for it).
   */
  step1Outstanding = 0;
  /** When the room last told this writer its edits are saved (ms). */
  lastAckAt = 0;
  private readonly openedAt = Date.now();
  private hasWritten = false;
  private target: ConnectionTarget | null = null;
  private waiting: ClientMessage[] | null = [];
  private alive = true;
  private lastActivity: number;
  private closingSince: number | null = null;
  private sentCloseCode: number | null = null;
  private ended = false;
  private readonly updateBucket: TokenBucket;
  /** Awareness frames that changed a state this connection owns: the configured limit. */
  private readonly awarenessBucket: TokenBucket;
  /**
   * Every awareness frame, echoes included. The stock provider re-sends each awareness change it receives,
   * other people's too, so a room of N clients makes each of them send about N frames per renewal round;
   * counting those against the limit would close every client of a busy room. Echoes change nothing, so they
   * only have to stay under this much looser bound.
   */
  private readonly awarenessFloodBucket: TokenBucket;

  constructor(
    readonly ws: ClientSocket,
    readonly info: ConnectionInfo,
    private readonly deps: ConnectionDeps,
  ) {
    const now = Date.now();
    this.origin = Object.freeze({ source: 'client', connectionId: this.id });
    this.access = info.access;
    this.user = { id: info.principal.memberId, name: info.principal.name, role: info.principal.role };
    this.lastActivity = now;
    this.updateBucket = new TokenBucket(deps.limits.maxUpdatesPerSecond, now);
    this.awarenessBucket = new TokenBucket(deps.limits.maxAwarenessPerSecond, now);
    this.awarenessFloodBucket = new TokenBucket(
      deps.limits.maxAwarenessPerSecond * AWARENESS_ECHO_ALLOWANCE,
      now,
    );
    deps.metrics.connections.inc();
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
    // A pong proves the peer is there, not that it is in use: idle time counts messages only.
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => this.onError(error));
    ws.on('close', (code: number) => this.onClose(code));
  }

  get isOpen(): boolean {
    return this.ws.readyState === SocketState.OPEN;
  }

  /**
   * Called with each change this connection makes; true for the first one only if it came within
   * RETURNING_WRITER_MS of the socket opening: a tablet back with edits it made offline.
   */
  firstChangeOnReturn(): boolean {
    if (this.hasWritten) return false;
    this.hasWritten = true;
    return Date.now() - this.openedAt < RETURNING_WRITER_MS;
  }

  get canWrite(): boolean {
    return canWrite(this.access);
  }

  /**
   * Starts delivering to the room: `greet` (the room's first messages to this client) runs first, then the
   * messages that waited for the room. False if the socket closed meanwhile.
   */
  attach(target: ConnectionTarget, greet: () => void): boolean {
    if (this.ended) return false;
    this.target = target;
    greet();
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const message of waiting) {
      if (!this.isOpen) break;
      target.receive(this, message);
    }
    return true;
  }

  /**
   * Sends one frame, unless the socket still holds more unsent bytes than the limit: then it closes with
   * SlowConsumer. The backlog is checked before the frame joins it, so one frame larger than the limit (the
   * initial sync of a big board) still goes out to a client that keeps up.
   */
  send(frame: Buffer): void {
    if (this.backlogAllows()) this.ws.send(frame);
  }

  /** A frame prepared once for many receivers (a broadcast), under the same backlog bound as send(). */
  sendPrepared(frame: PreparedFrame): void {
    if (this.backlogAllows()) sendPrepared(this.ws, frame);
  }

  private backlogAllows(): boolean {
    if (this.ws.readyState !== SocketState.OPEN) return false;
    if (this.ws.bufferedAmount > this.deps.limits.sendBufferLimitBytes) {
      this.deps.logger.info(
        { connection: this.id, doc: this.info.docName, buffered: this.ws.bufferedAmount },
        'Closing a slow consumer',
      );
      this.close(CloseCode.SlowConsumer);
      return false;
    }
    return true;
  }

  close(code: number): void {
    if (this.sentCloseCode !== null || this.ws.readyState >= SocketState.CLOSING) return;
    this.closedWith(code);
    this.closingSince = Date.now();
    this.ws.close(code, CLOSE_REASONS[code] ?? '');
  }

  /** Counted when decided: a peer that stopped reading may take a while to let its socket go. */
  private closedWith(code: number): void {
    this.sentCloseCode = code;
    this.deps.metrics.closes.inc({ code: String(code) });
  }

  /** Counts the frame, closes if its reason says so (a reader's write is dropped, not closed). */
  reject(reason: RejectReason, detail: string): void {
    this.deps.metrics.rejectedFrames.inc({ reason });
    const code = REJECT_CLOSE_CODES[reason];
    const log = { connection: this.id, member: this.info.principal.memberId, doc: this.info.docName, reason };
    if (code === null) {
      this.deps.logger.debug({ ...log, detail }, 'Dropped a frame');
      return;
    }
    this.deps.logger.info({ ...log, detail, code }, 'Rejected a frame; closing the connection');
    this.close(code);
  }

  /** Called every ping interval: liveness, idle time, and sockets stuck closing. */
  tick(now: number): void {
    const { pingIntervalMs, idleTimeoutMs } = this.deps.limits;
    const state = this.ws.readyState;
    if (state === SocketState.CLOSING) {
      // A peer that stopped reading never answers our close frame.
      if (this.closingSince !== null && now - this.closingSince >= pingIntervalMs) this.terminate();
      return;
    }
    if (state !== SocketState.OPEN) return;
    if (!this.alive) {
      this.deps.logger.info({ connection: this.id, doc: this.info.docName }, 'No pong; terminating');
      this.terminate();
      return;
    }
    if (now - this.lastActivity >= idleTimeoutMs) {
      this.close(CloseCode.Timeout);
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  terminate(): void {
    if (this.sentCloseCode === null) this.closedWith(1006);
    this.ws.terminate();
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    this.lastActivity = Date.now();
    this.deps.metrics.bytesReceived.inc(data.length);
    if (this.deps.stopping() || this.sentCloseCode !== null) return;
    if (!isBinary) return this.reject('text-frame', `text frame of ${data.length} bytes`);
    const decoded = decodeClientMessage(data);
    if (!decoded.ok) return this.reject(decoded.reason, decoded.detail);
    const message = decoded.message;
    if (!this.admit(message)) return;
    if (this.target) this.target.receive(this, message);
    else this.waiting?.push(message);
  }

  private admit(message: ClientMessage): boolean {
    const now = this.lastActivity;
    if (message.type === 'query-awareness') {
      if (this.awarenessBucket.take(now)) return true;
      this.reject('rate-limited-awareness', `over ${this.deps.limits.maxAwarenessPerSecond}/s`);
      return false;
    }
    if (message.type === 'awareness') {
      if (this.awarenessFloodBucket.take(now)) return true;
      this.reject(
        'rate-limited-awareness',
        `over ${this.deps.limits.maxAwarenessPerSecond * AWARENESS_ECHO_ALLOWANCE} awareness frames/s`,
      );
      return false;
    }
    if (message.type === 'sync-step2' && this.step1Outstanding > 0) {
      this.step1Outstanding--;
      return true;
    }
    if (this.updateBucket.take(now)) return true;
    this.reject('rate-limited-updates', `over ${this.deps.limits.maxUpdatesPerSecond}/s`);
    return false;
  }

  /**
   * Called by the room after an awareness frame changed one of this connection's own states; false (and the
   * connection is closed) when that passes the configured rate.
   */
  chargeAwarenessChange(): boolean {
    if (this.awarenessBucket.take(Date.now())) return true;
    this.reject('rate-limited-awareness', `over ${this.deps.limits.maxAwarenessPerSecond}/s`);
    return false;
  }

  private onError(error: Error & { code?: string }): void {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      // ws already closed the socket (see SyncSocket in sync-service.ts for the close code).
      if (this.sentCloseCode === null) this.closedWith(CloseCode.FrameTooLarge);
      this.deps.metrics.rejectedFrames.inc({ reason: 'frame-too-large' });
      this.deps.logger.info(
        { connection: this.id, doc: this.info.docName, reason: 'frame-too-large' },
        'Rejected a frame; closing the connection',
      );
      return;
    }
    this.deps.logger.debug({ connection: this.id, err: error }, 'Sync socket error');
  }

  private onClose(code: number): void {
    this.ended = true;
    this.deps.metrics.connections.dec();
    // The client closed first (or the network did): count its code.
    if (this.sentCloseCode === null) this.deps.metrics.closes.inc({ code: String(code) });
    this.waiting = null;
    this.target?.detach(this);
    this.target = null;
    this.deps.onClosed(this);
  }
}
