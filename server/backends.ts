/**
 * Chooses the backing services from the configuration: the embedded SQLite store by default; PostgreSQL when
 * DATABASE_URL is set; Redis fan-out, control bus and socket.io adapter when REDIS_URL is set.
 */
import fs from 'node:fs';
import type { Config } from './config';
import type { Logger } from './logger';
import type { ServerParts } from './app';
import { InProcessControlBus } from './control/control-bus';
import { SqliteDocumentStore } from './storage/sqlite-document-store';
import { SqliteDirectory } from './directory/sqlite-directory';

export async function openBackends(config: Config, logger: Logger): Promise<ServerParts> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const closers: Array<() => Promise<void>> = [];

  let store;
  let directory;
  if (config.databaseUrl) {
    const { openPostgresBackends } = await import('./postgres-backends');
    ({ store, directory } = await openPostgresBackends(config, logger));
  } else {
    store = new SqliteDocumentStore({ dataDir: config.dataDir });
    directory = new SqliteDirectory({
      dataDir: config.dataDir,
      tokenTtlDays: config.tokenTtlDays,
      inviteTtlDays: config.inviteTtlDays,
    });
  }

  if (!config.redisUrl) {
    return { store, directory, controlBus: new InProcessControlBus() };
  }

  const { openRedisParts } = await import('./cluster/redis-parts');
  const redis = await openRedisParts({ url: config.redisUrl, prefix: config.redisPrefix, logger });
  closers.push(redis.close);
  return {
    store,
    directory,
    controlBus: redis.controlBus,
    fanout: redis.fanout,
    setChannelAdapter: redis.adapter,
    setState: redis.setState,
    checks: [{ name: 'redis', ready: redis.ready }],
    closeExtra: async () => {
      for (const close of closers) await close();
    },
  };
}
