/**
 * One way to open a Redis connection for every cluster module: reconnect forever with capped backoff, and log
 * an outage once rather than once per retry, so a Redis restart leaves two log lines instead of hundreds.
 */
import { createClient } from 'redis';
import type { Logger } from '../logger';

export type RedisConnection = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  url: string;
  logger: Logger;
  /** Names the connection in logs (`fanout-pub`, `control-reader`, ...). */
  role: string;
  /**
   * Fail commands at once while disconnected instead of queueing them in memory. Right for fire-and-forget
   * traffic whose loss is repaired by a resync; wrong for commands that must run eventually.
   * @default false
   */
  failWhileDisconnected?: boolean;
  /** Called on every `ready` after the first: the connection came back and anything sent meanwhile was lost. */
  onReconnect?: () => void;
}

/** Backoff between reconnect attempts; capped so a restarted Redis is picked up within a second. */
export const RECONNECT_MAX_DELAY_MS = 1_000;

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const { url, logger, role } = options;
  const client = createClient({
    url,
    disableOfflineQueue: options.failWhileDisconnected ?? false,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, RECONNECT_MAX_DELAY_MS),
    },
  });
  let down = false;
  let connectedOnce = false;
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error, redis: role }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.info({ redis: role }, 'Redis connection restored');
    down = false;
    if (connectedOnce) options.onReconnect?.();
    connectedOnce = true;
  });
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(`Cannot connect to Redis at ${redactUrl(url)} (${role})`, { cause: error });
  }
  return client;
}

/** Closes gracefully when connected (pending replies arrive), at once when not (nothing would ever arrive). */
export async function closeRedis(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) {
    await client.close().catch(() => client.destroy());
  } else {
    client.destroy();
  }
}

/** A Redis URL may carry a password; logs and errors get the host only. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return '[unparseable Redis URL]';
  }
}
