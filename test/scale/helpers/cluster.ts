/**
 * Several real server processes sharing one PostgreSQL database and one Redis prefix, each test with its
 * own database (created here, dropped at teardown) so no schema option is needed and nothing leaks.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import * as Y from 'yjs';
import { PostgresDocumentStore } from '../../../server/storage/postgres-document-store';
import { onTestFinished } from 'vitest';
import { spawnServer, stopSpawned, tempDataDir, type SpawnedServer } from '../../helpers/test-server';
import { deleteKeys, MACHINE_REDIS_URL, uniquePrefix } from './redis';
import { MACHINE_DATABASE_URL } from './postgres';

export interface ClusterBackends {
  /** postgres://…/<fresh database> */
  databaseUrl: string;
  databaseName: string;
  redisUrl: string;
  redisPrefix: string;
}

/** A fresh database and Redis prefix, removed when the test finishes. */
export async function clusterBackends(redisUrl = MACHINE_REDIS_URL): Promise<ClusterBackends> {
  const databaseName = `setboard_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await adminQuery(`CREATE DATABASE ${databaseName}`);
  const redisPrefix = uniquePrefix();
  onTestFinished(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    if (redisUrl === MACHINE_REDIS_URL) await deleteKeys(redisUrl, redisPrefix);
  });
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:5432/${databaseName}`,
    databaseName,
    redisUrl,
    redisPrefix,
  };
}

/** Lets tests see flushes, unloads and compactions within a test's time, not a production's. */
export const FAST_TIMINGS: Record<string, string> = {
  SETBOARD_UNLOAD_DELAY_MS: '200',
  SETBOARD_COMPACT_DEBOUNCE_MS: '200',
  SETBOARD_SHUTDOWN_DEADLINE_MS: '5000',
};

/**
 * Several instances, started one after another: started together on a busy two-core machine they would each
 * take longer than the start-up timeout.
 */
export async function startInstances(
  backends: ClusterBackends,
  count: number,
  env: Record<string, string> = {},
): Promise<SpawnedServer[]> {
  const started: SpawnedServer[] = [];
  for (let i = 0; i < count; i++) started.push(await startInstance(backends, env));
  return started;
}

export async function startPair(
  backends: ClusterBackends,
  env: Record<string, string> = {},
): Promise<[SpawnedServer, SpawnedServer]> {
  const first = await startInstance(backends, env);
  return [first, await startInstance(backends, env)];
}

/** One instance of the cluster; killed (SIGKILL) at teardown if the test did not stop it. */
export async function startInstance(
  backends: ClusterBackends,
  env: Record<string, string> = {},
): Promise<SpawnedServer> {
  const server = await spawnServer(tempDataDir('setboard-scale-'), {
    DATABASE_URL: backends.databaseUrl,
    REDIS_URL: backends.redisUrl,
    SETBOARD_REDIS_PREFIX: backends.redisPrefix,
    ...FAST_TIMINGS,
    ...env,
  });
  onTestFinished(async () => {
    await stopSpawned(server, 'SIGKILL');
  });
  return server;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: MACHINE_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What the cluster's database holds for a document, read as a fresh instance would load it. */
export async function storedState(
  backends: ClusterBackends,
  docName: string,
  array: string,
): Promise<{ items: string[]; logRows: number }> {
  const store = await PostgresDocumentStore.open({ connectionString: backends.databaseUrl });
  try {
    const stored = await store.load(docName);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return { items: doc.getArray<string>(array).toArray().sort(), logRows: stored.updates.length };
  } finally {
    await store.close();
  }
}

export async function storedItems(
  backends: ClusterBackends,
  docName: string,
  array: string,
): Promise<string[]> {
  return (await storedState(backends, docName, array)).items;
}

/** Writes a document straight into the cluster's database, so no instance has it loaded. */
export async function seedDocument(
  backends: ClusterBackends,
  docName: string,
  array: string,
  items: string[],
): Promise<void> {
  const store = await PostgresDocumentStore.open({ connectionString: backends.databaseUrl });
  try {
    const doc = new Y.Doc();
    doc.getArray<string>(array).push(items);
    await store.append([{ docName, update: Y.encodeStateAsUpdate(doc) }]);
  } finally {
    await store.close();
  }
}
