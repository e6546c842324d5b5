/**
 * The socket.io Redis adapter, so a production's room (roster, set status, notifications, disconnecting a
 * revoked member) spans every instance. It needs its own pair of connections: the subscriber is in pub/sub
 * mode and can run nothing else.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import { closeRedis, connectRedis } from '../redis/redis-connection';

export interface SocketIoRedisAdapterOptions {
  url: string;
  prefix: string;
  logger: Logger;
  /**
   * How long a cross-instance request (fetchSockets for a roster) waits for the other instances. A dead
   * instance costs this much once per request until Redis notices it left.
   * @default 2_000
   */
  requestsTimeoutMs?: number;
}

export interface SocketIoRedisAdapter {
  adapter: NonNullable<ServerOptions['adapter']>;
  close(): Promise<void>;
}

export async function createSocketIoRedisAdapter(
  options: SocketIoRedisAdapterOptions,
): Promise<SocketIoRedisAdapter> {
  const logger = options.logger.child({ module: 'socket-io-adapter' });
  const pub = await connectRedis({ url: options.url, logger, role: 'socket.io-pub' });
  let sub;
  try {
    sub = await connectRedis({ url: options.url, logger, role: 'socket.io-sub' });
  } catch (error) {
    await closeRedis(pub);
    throw error;
  }
  const subscriber = sub;
  const adapter = createAdapter(pub, subscriber, {
    key: `${options.prefix}socket.io`,
    requestsTimeout: options.requestsTimeoutMs ?? 2_000,
  });
  return {
    adapter,
    async close() {
      await Promise.all([closeRedis(pub), closeRedis(subscriber)]);
    },
  };
}
