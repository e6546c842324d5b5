/**
 * Chooses the backing services from the configuration: the embedded SQLite store by default; PostgreSQL (and
 * the compaction lease, since several instances may share it) when DATABASE_URL is set; Redis fan-out,
 * control bus and socket.io adapter when REDIS_URL is set.
 */
import fs from 'node:fs';
import type { Config } from './config';
import type { Logger } from './logger';
import type { ServerParts } from './app';
import { InProcessControlBus } from './control/control-bus';
import { SqliteDocumentStore } from './storage/sqlite-document-store';
import { SqliteDirectory } from './directory/sqlite-directory';
import { SqliteSetStateStore } from './setchannel/sqlite-set-state';
import type { CompactionLease } from './sync/compaction-lease';

export async function openBackends(config: Config, logger: Logger): Promise<ServerParts> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const closers: Array<() => Promise<void>> = [];

  let store;
  let directory;
  // Embedded SQLite has one writer, this process: nothing to lease.
  let compactionLease: CompactionLease | undefined;
  if (config.databaseUrl) {
    const { openPostgresBackends } = await import('./postgres-backends');
    ({ store, directory, compactionLease } = await openPostgresBackends(config, logger));
    // The app calls closeExtra after the sync service shut down, whose last unloads still compact.
    closers.push(compactionLease.close.bind(compactionLease));
  } else {
    store = new SqliteDocumentStore({ dataDir: config.dataDir });
    directory = new SqliteDirectory({
      dataDir: config.dataDir,
      tokenTtlDays: config.tokenTtlDays,
      inviteTtlDays: config.inviteTtlDays,
    });
  }

  const closeExtra = async () => {
    for (const close of closers) await close();
  };
  const lease = compactionLease ? { compactionLease } : {};

  if (!config.redisUrl) {
    // One process: the set status and the day's notifications survive its restarts on disk.
    const setState = new SqliteSetStateStore({ dataDir: config.dataDir });
    closers.push(() => setState.close());
    return {
      store,
      versions: store,
      directory,
      controlBus: new InProcessControlBus(),
      setState,
      ...lease,
      closeExtra,
    };
  }

  const { openRedisParts } = await import('./cluster/redis-parts');
  const redis = await openRedisParts({ url: config.redisUrl, prefix: config.redisPrefix, logger });
  closers.push(redis.close);
  return {
    store,
    versions: store,
    directory,
    ...lease,
    controlBus: redis.controlBus,
    fanout: redis.fanout,
    setChannelAdapter: redis.adapter,
    setState: redis.setState,
    checks: [{ name: 'redis', ready: redis.ready }],
    closeExtra,
  };
}
