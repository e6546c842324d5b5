/**
 * Document fan-out over Redis pub/sub: one channel per document, y-websocket frames as they are.
 *
 * Pub/sub rather than Streams: the store already is the durable log of every update, so Redis only has to be
 * fast, not reliable. What pub/sub can lose (anything sent while a connection was down, anything a peer had
 * applied but not yet stored when this instance loaded the document) is repaired by a resync, which re-reads
 * the store: at once and again `settleMs` later after every subscribe and every reconnect, when a peer asks
 * (it lost its connection and what it published may not have arrived), and every `resyncIntervalMs` as a
 * safety net.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { closeRedis, connectRedis, type RedisConnection } from '../redis/redis-connection';
import type { Fanout, FanoutHandler, FanoutKind, FanoutSubscription } from './fanout';

export interface RedisFanoutOptions {
  url: string;
  /** Prefixes every channel, so deployments and test runs can share one Redis. */
  prefix: string;
  logger: Logger;
  /** @default a random UUID */
  instanceId?: string;
  /**
   * The second resync after a subscribe or reconnect: long enough for a peer's in-flight appends to reach the
   * store. Shorten in tests only.
   * @default 1_000
   */
  settleMs?: number;
  /** Every subscribed document resyncs this often even when nothing looked lost; 0 turns it off. @default 60_000 */
  resyncIntervalMs?: number;
  /**
   * How long `subscribe` waits for Redis to confirm. When Redis is down the room still opens from the store
   * and the resync on reconnect catches it up.
   * @default 2_000
   */
  subscribeTimeoutMs?: number;
}

const KIND_CODES = { update: 0, awareness: 1, 'resync-request': 2 } as const;
type WireKind = keyof typeof KIND_CODES;
const KINDS_BY_CODE: readonly WireKind[] = ['update', 'awareness', 'resync-request'];

/** `[kind][instance id length][instance id][frame]` */
export function encodeFanoutMessage(kind: WireKind, instanceId: string, payload: Uint8Array): Buffer {
  const id = Buffer.from(instanceId, 'utf8');
  if (id.length > 255) throw new Error(`Fan-out instance id longer than 255 bytes: ${instanceId}`);
  return Buffer.concat([Buffer.from([KIND_CODES[kind], id.length]), id, payload]);
}

export function decodeFanoutMessage(
  message: Buffer,
): { kind: WireKind; instanceId: string; payload: Uint8Array } | null {
  if (message.length < 2) return null;
  const kind = KINDS_BY_CODE[message[0]!];
  const idEnd = 2 + message[1]!;
  if (!kind || message.length < idEnd) return null;
  return {
    kind,
    instanceId: message.toString('utf8', 2, idEnd),
    payload: new Uint8Array(message.buffer, message.byteOffset + idEnd, message.length - idEnd),
  };
}

export async function createRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const fanout = new RedisFanout(options);
  await fanout.start();
  return fanout;
}

class RedisFanout implements Fanout {
  readonly instanceId: string;
  /**
   * docName -> one entry per subscribe call (an old room ending and its successor may overlap). The channel
   * is subscribed in Redis while the set is not empty.
   */
  private readonly handlers = new Map<string, Set<{ handler: FanoutHandler }>>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly transitions = new Map<string, Promise<void>>();
  private pub: RedisConnection | undefined;
  private sub: RedisConnection | undefined;
  private intervalTimer: NodeJS.Timeout | undefined;
  private publishFailing = false;
  private closed = false;
  private readonly logger: Logger;
  private readonly settleMs: number;

  constructor(private readonly options: RedisFanoutOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.logger = options.logger.child({ module: 'redis-fanout', instanceId: this.instanceId });
    this.settleMs = options.settleMs ?? 1_000;
  }

  async start(): Promise<void> {
    const { url } = this.options;
    const onReconnect = () => this.recover();
    this.pub = await connectRedis({
      url,
      logger: this.logger,
      role: 'fanout-pub',
      failWhileDisconnected: true,
      onReconnect,
    });
    try {
      this.sub = await connectRedis({ url, logger: this.logger, role: 'fanout-sub', onReconnect });
    } catch (error) {
      await closeRedis(this.pub);
      throw error;
    }
    const interval = this.options.resyncIntervalMs ?? 60_000;
    if (interval > 0) {
      this.intervalTimer = setInterval(() => this.resyncAll(), interval);
      this.intervalTimer.unref();
    }
  }

  async subscribe(docName: string, handler: FanoutHandler): Promise<FanoutSubscription> {
    const sub = this.connection(this.sub);
    const entry = { handler };
    let entries = this.handlers.get(docName);
    const first = !entries;
    if (!entries) this.handlers.set(docName, (entries = new Set()));
    entries.add(entry);
    const subscription = { unsubscribe: async () => this.remove(docName, entry) };
    // A later subscriber shares the channel, and waits for the same confirmation as the first.
    const confirmed = first
      ? this.afterPrevious(docName, () =>
          sub.subscribe(this.channel(docName), (message: Buffer) => this.receive(docName, message), true),
        )
      : (this.transitions.get(docName) ?? Promise.resolve());
    confirmed.catch((error: unknown) =>
      this.logger.warn({ err: error, docName }, 'Redis subscribe failed; the document resyncs on reconnect'),
    );
    const timeoutMs = this.options.subscribeTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([
      confirmed.then(
        () => 'ok' as const,
        () => 'failed' as const,
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(
        { docName, timeoutMs },
        'Redis did not confirm a subscribe in time; opening from the store',
      );
    }
    this.scheduleResync(docName);
    return subscription;
  }

  private remove(docName: string, entry: { handler: FanoutHandler }): void {
    const entries = this.handlers.get(docName);
    if (!entries?.delete(entry) || entries.size > 0) return;
    this.handlers.delete(docName);
    clearTimeout(this.settleTimers.get(docName));
    this.settleTimers.delete(docName);
    const sub = this.sub;
    if (!sub || this.closed) return;
    // Not awaited: during a Redis outage the room must still be able to unload; the listener is gone either way.
    this.afterPrevious(docName, () => sub.unsubscribe(this.channel(docName))).catch((error: unknown) => {
      this.logger.debug({ err: error, docName }, 'Redis unsubscribe failed');
    });
  }

  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
    this.send(docName, kind, payload);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.intervalTimer);
    for (const timer of this.settleTimers.values()) clearTimeout(timer);
    this.settleTimers.clear();
    this.handlers.clear();
    await Promise.all([this.pub && closeRedis(this.pub), this.sub && closeRedis(this.sub)]);
  }

  /**
   * Subscription changes of one document run one after another: an UNSUBSCRIBE still in flight when the room
   * reloads would otherwise be answered after the new SUBSCRIBE and silently drop it.
   */
  private afterPrevious(docName: string, change: () => Promise<void>): Promise<void> {
    const previous = this.transitions.get(docName) ?? Promise.resolve();
    const next = previous.then(change);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.transitions.set(docName, settled);
    void settled.then(() => {
      if (this.transitions.get(docName) === settled) this.transitions.delete(docName);
    });
    return next;
  }

  private send(docName: string, kind: WireKind, payload: Uint8Array): void {
    if (this.closed || !this.pub) return;
    const message = encodeFanoutMessage(kind, this.instanceId, payload);
    this.pub.publish(this.channel(docName), message).then(
      () => {
        this.publishFailing = false;
      },
      (error: unknown) => {
        // Logged once per outage; the peers resync when this connection is back (see recover).
        if (!this.publishFailing) this.logger.warn({ err: error, docName, kind }, 'Redis publish failed');
        this.publishFailing = true;
      },
    );
  }

  private receive(docName: string, message: Buffer): void {
    const decoded = decodeFanoutMessage(message);
    if (!decoded) {
      this.logger.warn({ docName, bytes: message.length }, 'Ignored a malformed fan-out message');
      return;
    }
    if (decoded.instanceId === this.instanceId) return;
    const entries = this.handlers.get(docName);
    if (!entries) return;
    if (decoded.kind === 'resync-request') {
      this.scheduleResync(docName);
      return;
    }
    for (const { handler } of entries) {
      try {
        handler.message(decoded.kind, decoded.payload);
      } catch (error) {
        this.logger.error({ err: error, docName, kind: decoded.kind }, 'Fan-out handler failed on a message');
      }
    }
  }

  /** Either connection came back: what it carried meanwhile is lost, here and (for what we sent) at the peers. */
  private recover(): void {
    if (this.closed) return;
    this.logger.info({ documents: this.handlers.size }, 'Redis reconnected; resyncing subscribed documents');
    for (const docName of this.handlers.keys()) {
      this.resync(docName);
      this.send(docName, 'resync-request', new Uint8Array(0));
      this.scheduleResync(docName);
    }
  }

  private resyncAll(): void {
    for (const docName of this.handlers.keys()) this.resync(docName);
  }

  /** One pending settle resync per document, however many reasons pile up before it fires. */
  private scheduleResync(docName: string): void {
    if (this.closed || this.settleTimers.has(docName)) return;
    const timer = setTimeout(() => {
      this.settleTimers.delete(docName);
      this.resync(docName);
    }, this.settleMs);
    timer.unref();
    this.settleTimers.set(docName, timer);
  }

  private resync(docName: string): void {
    for (const { handler } of this.handlers.get(docName) ?? []) {
      try {
        handler.resync();
      } catch (error) {
        this.logger.error({ err: error, docName }, 'Fan-out handler failed to resync');
      }
    }
  }

  private channel(docName: string): string {
    return `${this.options.prefix}doc:${docName}`;
  }

  private connection(client: RedisConnection | undefined): RedisConnection {
    if (this.closed || !client) throw new Error('Redis fan-out is closed or was never started');
    return client;
  }
}
