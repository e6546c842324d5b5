/**
 * The PostgreSQL parts for a scaled-out deployment: document store, directory and compaction lease in the
 * `setboard` schema of DATABASE_URL. Each owns a pool, so closing one (the app closes them apart) never
 * pulls connections from under another.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Directory } from './directory/directory';
import { PostgresDirectory } from './directory/postgres-directory';
import type { DocumentStore } from './storage/document-store';
import type { VersionStore } from './storage/version-store';
import { PostgresDocumentStore } from './storage/postgres-document-store';
import { createPostgresLease } from './cluster/postgres-lease';
import type { CompactionLease } from './sync/compaction-lease';

/** The lease's tokens fence the store's snapshots, so both live in one schema, next to each other. */
const SCHEMA = 'setboard';

/**
 * Names this process in the lease table, for an operator asking who compacts what. The random part keeps a
 * restarted process that reuses a pid (containers start at pid 1) apart from its predecessor.
 */
function instanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export async function openPostgresBackends(
  config: Config,
  logger: Logger,
): Promise<{
  store: DocumentStore & VersionStore;
  directory: Directory;
  compactionLease: CompactionLease;
}> {
  if (!config.databaseUrl) throw new Error('openPostgresBackends needs DATABASE_URL');
  const connectionString = config.databaseUrl;
  const onPoolError = (part: string) => (err: Error) =>
    logger.warn({ err, part }, 'idle PostgreSQL connection failed; the pool replaces it');
  const store = await PostgresDocumentStore.open({
    connectionString,
    schema: SCHEMA,
    onPoolError: onPoolError('store'),
  });
  let directory: Directory | undefined;
  try {
    directory = await PostgresDirectory.open({
      connectionString,
      schema: SCHEMA,
      tokenTtlDays: config.tokenTtlDays,
      inviteTtlDays: config.inviteTtlDays,
      onPoolError: onPoolError('directory'),
    });
    // Several instances may share this database, so compaction always runs under the lease.
    const compactionLease = await createPostgresLease({
      connectionString,
      schema: SCHEMA,
      holder: instanceId(),
      logger,
    });
    return { store, directory, compactionLease };
  } catch (error) {
    await Promise.all([store.close(), directory?.close()]);
    throw error;
  }
}
