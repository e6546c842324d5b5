/**
 * One sync WebSocket: decodes and validates its frames, enforces its limits (rates, idle, liveness, send
 * buffer), and hands valid messages to its room. Messages that arrive while the room is still loading wait
 * in order; limits apply to them on arrival all the same.
 *
 * Over a rate, a connection is throttled, not closed: it stops reading its socket until its budget refills,
 * so TCP backpressure slows the client down and nothing is lost (a stock provider would never come back
 * after a 44xx close, and a bulk paste is no offence).
 */
import { canWrite, type Access, type Board } from '../../shared/boards';
import { CloseCode, CLOSE_REASONS } from '../../shared/close-codes';
import type { SyncLimits } from '../config';
import type { Principal } from '../directory/directory';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { voucher, type AwarenessState, type AwarenessUser } from '../protocol/awareness';
import { decodeClientMessage, type ClientMessage } from '../protocol/messages';
import { REJECT_CLOSE_CODES, type RejectReason } from '../protocol/reject';
import { SocketState, type ClientSocket } from './client-socket';
import type { TransactionOrigin } from './origin';
import { TokenBucket } from './token-bucket';
import { sendPrepared, type PreparedFrame } from './ws-frame';

/** How many awareness frames per second, as a multiple of the configured limit, a connection may send in all. */
export const AWARENESS_ECHO_ALLOWANCE = 20;

/**
 * Messages read but not yet admitted, past which a connection is a flood and is closed (retryable 4029).
 * Pausing stops the socket after the chunk in hand (at most 64 KiB), and the smallest real edit frame is
 * about 30 bytes on the wire, so a real client never has more than ~2,200 waiting; 1-byte frames get here.
 */
export const FLOOD_BACKLOG_MESSAGES = 5_000;

export interface ConnectionTarget {
  receive(connection: Connection, message: ClientMessage): void;
  detach(connection: Connection): void;
  /** The awareness clock the target holds for a client id, so echoes can be skipped unread. */
  awarenessClock?(clientId: number): number;
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

/** Why the server sent a step 1: a join, or a "saved" acknowledgement to a writer. */
export type Step1Kind = 'join' | 'ack';

/** A first change this soon after the socket opened was made offline (see `firstChangeOnReturn`). */
const RETURNING_WRITER_MS = 2_000;

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  readonly origin: TransactionOrigin;
  readonly user: AwarenessUser;
  /** Stamps a state this connection announces with its member's identity (docs/PROTOCOL.md, Access). */
  readonly vouch: (state: AwarenessState) => AwarenessState;
  access: Exclude<Access, 'none'>;
  /**
   * Server step 1 messages sent and not yet answered, oldest first: the join's, then "saved" acknowledgements.
   * The stock client answers each with a step 2, which is not charged to the update rate (the server asked).
   */
  private readonly step1Sent: Step1Kind[] = [];
  /** What the step 2 being handed to the room answers (null: it answers nothing the server sent). */
  answering: Step1Kind | null = null;
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
  /** Read, decoded, waiting for the budget: the socket is paused meanwhile (see `drain`). */
  private readonly inbox: Array<{ message: ClientMessage; bytes: number }> = [];
  private throttle: NodeJS.Timeout | null = null;
  private paused = false;
  private readonly updateBucket: TokenBucket;
  /** Bytes of every frame: bounds how fast one writer can grow a document (and the server with it). */
  private readonly byteBucket: TokenBucket;
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
    this.vouch = voucher(this.user);
    this.lastActivity = now;
    this.updateBucket = new TokenBucket(deps.limits.maxUpdatesPerSecond, now);
    this.byteBucket = new TokenBucket(deps.limits.maxBytesPerSecond, now);
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

  /** The largest frame this connection accepts, and so the largest it may be asked to echo back. */
  get maxFrameBytes(): number {
    return this.deps.limits.maxFrameBytes;
  }

  /** Reading is paused until the connection's budget refills. */
  get throttled(): boolean {
    return this.throttle !== null;
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

  /** Sends a server step 1 (see `step1Sent`). */
  sendStep1(frame: Buffer, kind: Step1Kind): void {
    if (!this.isOpen) return;
    this.step1Sent.push(kind);
    this.send(frame);
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
    // What waits is not applied any more; the peer's close frame must be read.
    this.unthrottle();
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
    // We stopped reading: its pong is in the socket, unread, and messages wait that are no idleness.
    if (this.throttle !== null) {
      this.alive = true;
      this.lastActivity = now;
    }
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
    this.unthrottle();
    this.ws.terminate();
  }

  private readonly knownClock = (clientId: number): number => this.target?.awarenessClock?.(clientId) ?? 0;

  private onFrame(data: Buffer, isBinary: boolean): void {
    this.lastActivity = Date.now();
    this.deps.metrics.bytesReceived.inc(data.length);
    if (this.deps.stopping() || this.sentCloseCode !== null) return;
    if (!isBinary) return this.reject('text-frame', `text frame of ${data.length} bytes`);
    const decoded = decodeClientMessage(data, this.knownClock);
    if (!decoded.ok) return this.reject(decoded.reason, decoded.detail);
    this.inbox.push({ message: decoded.message, bytes: data.length });
    if (this.throttle === null) return this.drain();
    if (this.inbox.length > FLOOD_BACKLOG_MESSAGES) {
      this.reject('flood', `${this.inbox.length} messages waiting for the rate limit`);
    }
  }

  /**
   * Admits waiting messages while the budget allows. When it runs out, the socket is paused (the client's
   * sends back up in TCP) and draining resumes once the budget has refilled; messages stay in order.
   */
  private drain(): void {
    this.throttle = null;
    while (this.inbox.length > 0 && this.sentCloseCode === null && !this.ended) {
      const now = Date.now();
      const next = this.inbox[0]!;
      const wait = this.waitFor(next.message, now);
      if (wait > 0) {
        if (!this.paused) {
          this.paused = true;
          this.ws.pause();
          this.deps.logger.debug(
            { connection: this.id, doc: this.info.docName, waiting: this.inbox.length, wait },
            'Throttling a connection over its rate',
          );
        }
        this.throttle = setTimeout(() => this.drain(), wait);
        return;
      }
      this.inbox.shift();
      this.answering = null;
      this.charge(next.message, next.bytes, now);
      if (this.target) this.target.receive(this, next.message);
      else this.waiting?.push(next.message);
    }
    if (this.paused && this.sentCloseCode === null) this.resumeReading();
  }

  private unthrottle(): void {
    if (this.throttle !== null) clearTimeout(this.throttle);
    this.throttle = null;
    this.inbox.length = 0;
    if (this.paused) this.resumeReading();
  }

  private resumeReading(): void {
    this.paused = false;
    this.ws.resume();
  }

  /** How long `message` must wait for its budgets. */
  private waitFor(message: ClientMessage, now: number): number {
    switch (message.type) {
      case 'query-awareness':
        return this.awarenessBucket.waitMs(now);
      case 'awareness':
        // The change budget is charged after the room applied a frame (only then is it known to be a change);
        // while it is overdrawn, the next awareness frame waits.
        return Math.max(
          this.awarenessFloodBucket.waitMs(now),
          this.awarenessBucket.waitMs(now),
          this.byteBucket.waitMs(now),
        );
      case 'sync-step2':
        if (this.step1Sent.length > 0) return this.byteBucket.waitMs(now);
        break;
    }
    return Math.max(this.updateBucket.waitMs(now), this.byteBucket.waitMs(now));
  }

  private charge(message: ClientMessage, bytes: number, now: number): void {
    this.byteBucket.take(bytes, now);
    if (message.type === 'query-awareness') return this.awarenessBucket.take(1, now);
    if (message.type === 'awareness') return this.awarenessFloodBucket.take(1, now);
    // The answer to a server step 1 is not charged to the update rate: the server asked for it.
    if (message.type === 'sync-step2' && this.step1Sent.length > 0) {
      this.answering = this.step1Sent.shift()!;
      return;
    }
    this.updateBucket.take(1, now);
  }

  /**
   * Called by the room after an awareness frame changed one of this connection's own states. Overdrawing the
   * budget holds back the connection's next awareness frame until it has refilled.
   */
  chargeAwarenessChange(): void {
    this.awarenessBucket.take(1, Date.now());
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
    if (this.throttle !== null) clearTimeout(this.throttle);
    this.throttle = null;
    this.inbox.length = 0;
    this.deps.metrics.connections.dec();
    // The client closed first (or the network did): count its code.
    if (this.sentCloseCode === null) this.deps.metrics.closes.inc({ code: String(code) });
    this.waiting = null;
    this.target?.detach(this);
    this.target = null;
    this.deps.onClosed(this);
  }
}
