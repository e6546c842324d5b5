/**
 * The PostgreSQL pair for a scaled-out deployment: document store and directory in the `setboard` schema of
 * DATABASE_URL. Each owns a pool, so closing one (the app closes both in parallel) never pulls connections
 * from under the other.
 */
import type { Config } from './config';
import type { Logger } from './logger';
import type { Directory } from './directory/directory';
import { PostgresDirectory } from './directory/postgres-directory';
import type { DocumentStore } from './storage/document-store';
import { PostgresDocumentStore } from './storage/postgres-document-store';

export async function openPostgresBackends(
  config: Config,
  logger: Logger,
): Promise<{ store: DocumentStore; directory: Directory }> {
  if (!config.databaseUrl) throw new Error('openPostgresBackends needs DATABASE_URL');
  const connectionString = config.databaseUrl;
  const onPoolError = (part: string) => (err: Error) =>
    logger.warn({ err, part }, 'idle PostgreSQL connection failed; the pool replaces it');
  const store = await PostgresDocumentStore.open({ connectionString, onPoolError: onPoolError('store') });
  try {
    const directory = await PostgresDirectory.open({
      connectionString,
      tokenTtlDays: config.tokenTtlDays,
      inviteTtlDays: config.inviteTtlDays,
      onPoolError: onPoolError('directory'),
    });
    return { store, directory };
  } catch (error) {
    await store.close();
    throw error;
  }
}
