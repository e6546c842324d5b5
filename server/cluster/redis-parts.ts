/**
 * Everything an instance needs from Redis to run beside others, opened together under one instance id:
 * document fan-out, the control bus, the socket.io adapter and the shared set state.
 */
import { randomUUID } from 'node:crypto';
import type { ControlBus } from '../control/control-bus';
import { createRedisControlBus } from '../control/redis-control-bus';
import type { Fanout } from '../fanout/fanout';
import { createRedisFanout, type RedisFanoutOptions } from '../fanout/redis-fanout';
import type { Logger } from '../logger';
import type { SetStateStore } from '../setchannel/set-state';
import { closeRedis, connectRedis } from '../redis/redis-connection';
import { createRedisSetState } from './redis-set-state';
import { createSocketIoRedisAdapter, type SocketIoRedisAdapter } from './socket-io-adapter';

export interface RedisPartsOptions {
  url: string;
  prefix: string;
  logger: Logger;
  /** @default a random UUID, so a restarted instance never mistakes its predecessor's messages for its own */
  instanceId?: string;
  /** Fan-out tuning; tests shorten the settle delay. */
  fanout?: Pick<RedisFanoutOptions, 'settleMs' | 'resyncIntervalMs' | 'subscribeTimeoutMs'>;
}

export interface RedisParts {
  instanceId: string;
  fanout: Fanout;
  controlBus: ControlBus;
  adapter: SocketIoRedisAdapter['adapter'];
  setState: SetStateStore;
  /** For /readyz: Redis answers a PING within a second. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const READY_PING_TIMEOUT_MS = 1_000;

export async function openRedisParts(options: RedisPartsOptions): Promise<RedisParts> {
  const { url, prefix } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const logger = options.logger.child({ instanceId });
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    // Fails fast while Redis is down: a set-status tap must be refused, not hang until Redis returns.
    const state = await connectRedis({ url, logger, role: 'set-state', failWhileDisconnected: true });
    closers.push(() => closeRedis(state));
    const fanout = await createRedisFanout({ url, prefix, logger, instanceId, ...options.fanout });
    closers.push(() => fanout.close());
    const controlBus = await createRedisControlBus({ url, prefix, logger, instanceId });
    closers.push(() => controlBus.close());
    const socketIo = await createSocketIoRedisAdapter({ url, prefix, logger });
    closers.push(() => socketIo.close());
    return {
      instanceId,
      fanout,
      controlBus,
      adapter: socketIo.adapter,
      setState: createRedisSetState({ client: state, prefix }),
      ready: async () => {
        if (!state.isReady) return false;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), READY_PING_TIMEOUT_MS);
        });
        const ping = state.ping().then(
          (reply) => reply === 'PONG',
          () => false,
        );
        const answer = await Promise.race([ping, timeout]);
        clearTimeout(timer);
        return answer;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
