/**
 * The cluster's own tables in PostgreSQL, versioned apart from the document store's so neither part has to
 * know the other's history. Runs at start under an advisory lock: instances starting together take turns.
 */
import pg from 'pg';

const MIGRATIONS: ReadonlyArray<(schema: string) => string> = [
  (schema) => `CREATE TABLE ${qualifiedTable(schema, 'leases')} (
    resource text PRIMARY KEY,
    holder text NOT NULL,
    token bigint NOT NULL,
    expires_at timestamptz NOT NULL
  )`,
];

/** Any constant both sides agree on; only cluster migrations take this lock. */
const MIGRATION_LOCK_KEY = 0x5e7b0a2d;

export function qualifiedTable(schema: string, table: string): string {
  return `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(`setboard_cluster_${table}`)}`;
}

export async function migrateClusterSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    const versions = qualifiedTable(schema, 'schema_version');
    await client.query(`CREATE TABLE IF NOT EXISTS ${versions} (version integer PRIMARY KEY)`);
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${versions}`);
    for (let version = (rows[0]?.v ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!(schema));
      await client.query(`INSERT INTO ${versions} (version) VALUES ($1)`, [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
