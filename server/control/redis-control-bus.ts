/**
 * The control bus across instances, on one Redis Stream. A revocation missed by an instance would leave a
 * revoked tablet connected there, so this is the one channel that must survive a dropped connection: a reader
 * resumes after the last entry it saw instead of losing what was published while it was away (plain pub/sub
 * would). Events are rare, so one capped stream costs nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { closeRedis, connectRedis, type RedisConnection } from '../redis/redis-connection';
import type { ControlBus, ControlEvent } from './control-bus';

export interface RedisControlBusOptions {
  url: string;
  prefix: string;
  logger: Logger;
  /** @default a random UUID */
  instanceId?: string;
  /** Entries kept in the stream (approximately): far more than any reconnect gap needs. @default 10_000 */
  maxLength?: number;
  /** How long one blocking read waits before it asks again; bounds how long `close` can take. @default 2_000 */
  blockMs?: number;
}

interface StreamReply {
  name: string;
  messages: Array<{ id: string; message: Record<string, string> }>;
}

export async function createRedisControlBus(options: RedisControlBusOptions): Promise<ControlBus> {
  const bus = new RedisControlBus(options);
  await bus.start();
  return bus;
}

class RedisControlBus implements ControlBus {
  private readonly handlers = new Set<(event: ControlEvent) => void>();
  private readonly instanceId: string;
  private readonly stream: string;
  private readonly logger: Logger;
  private writer: RedisConnection | undefined;
  private reader: RedisConnection | undefined;
  private lastId = '0-0';
  private closed = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: RedisControlBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.stream = `${options.prefix}control`;
    this.logger = options.logger.child({ module: 'redis-control-bus', instanceId: this.instanceId });
  }

  async start(): Promise<void> {
    const { url } = this.options;
    // Fails fast while Redis is down: a revocation request must get its answer, not wait for Redis to return.
    this.writer = await connectRedis({
      url,
      logger: this.logger,
      role: 'control-writer',
      failWhileDisconnected: true,
    });
    try {
      this.reader = await connectRedis({ url, logger: this.logger, role: 'control-reader' });
      // Start after whatever is already there: those events were for sockets that existed before us.
      const last = await this.writer.xRevRange(this.stream, '+', '-', { COUNT: 1 });
      this.lastId = last[0]?.id ?? '0-0';
    } catch (error) {
      await closeRedis(this.writer);
      if (this.reader) await closeRedis(this.reader);
      throw error;
    }
    this.loop = this.readLoop();
  }

  /** Local handlers first, so this instance acts even when Redis is down; then every other instance. */
  async publish(event: ControlEvent): Promise<void> {
    if (this.closed) throw new Error(`Control bus is closed; cannot publish ${event.type}`);
    this.deliver(event);
    try {
      await this.connection(this.writer).xAdd(
        this.stream,
        '*',
        { origin: this.instanceId, event: JSON.stringify(event) },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.options.maxLength ?? 10_000 } },
      );
    } catch (error) {
      throw new Error(
        `Control event ${event.type} for production ${event.productionId} reached this instance only: Redis refused it`,
        { cause: error },
      );
    }
  }

  subscribe(handler: (event: ControlEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    // The blocking read cannot be interrupted politely; destroying the reader ends it at once.
    this.reader?.destroy();
    await this.loop;
    if (this.writer) await closeRedis(this.writer);
  }

  private async readLoop(): Promise<void> {
    const reader = this.connection(this.reader);
    while (!this.closed) {
      try {
        const reply = (await reader.xRead(
          { key: this.stream, id: this.lastId },
          { BLOCK: this.options.blockMs ?? 2_000, COUNT: 100 },
        )) as StreamReply[] | null;
        for (const entry of reply?.[0]?.messages ?? []) {
          this.lastId = entry.id;
          this.receive(entry.message);
        }
      } catch (error) {
        if (this.closed) return;
        // The client reconnects by itself; wait for it rather than spinning on a dead socket.
        this.logger.debug({ err: error }, 'Control stream read failed; retrying');
        await waitForReady(reader);
      }
    }
  }

  private receive(fields: Record<string, string>): void {
    if (fields.origin === this.instanceId) return;
    let event: ControlEvent;
    try {
      event = JSON.parse(fields.event ?? '') as ControlEvent;
    } catch (error) {
      this.logger.warn({ err: error }, 'Ignored an unreadable control event');
      return;
    }
    this.deliver(event);
  }

  private deliver(event: ControlEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch (error) {
        this.logger.error({ err: error, type: event.type }, 'Control event handler threw');
      }
    }
  }

  private connection(client: RedisConnection | undefined): RedisConnection {
    if (!client) throw new Error('Redis control bus was never started');
    return client;
  }
}

/** Until the connection is back; when it never left (a command error), a short pause so the loop cannot spin. */
function waitForReady(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return Promise.resolve();
  if (client.isReady) return new Promise((resolve) => setTimeout(resolve, 500).unref());
  return new Promise((resolve) => {
    const done = () => {
      client.off('ready', done);
      client.off('end', done);
      resolve();
    };
    client.on('ready', done);
    client.on('end', done);
  });
}
