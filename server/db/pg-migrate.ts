/**
 * Versioned migrations for PostgreSQL, kept per component (document store, directory) in one
 * `schema_migrations` table of the configured schema. Several servers may start at once against one
 * database: an advisory lock makes the second wait for the first and then find nothing left to do.
 */
import type { Pool, PoolClient } from 'pg';

/** Migration N (1-based index) takes the component from version N-1 to N. Never edit one that has shipped. */
export type PgMigration = (schema: string) => string;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgMigrationError extends Error {
  override name = 'PgMigrationError';
}

/** The schema as a quoted identifier; only plain lower-case names are accepted, so quoting cannot be escaped. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new PgMigrationError(`Schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
  }
  return `"${schema}"`;
}

export async function migratePostgres(
  pool: Pool,
  schema: string,
  component: string,
  migrations: readonly PgMigration[],
): Promise<void> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`setboard-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        component text NOT NULL,
        version integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
    const current = await currentVersion(client, s, component);
    if (current > migrations.length) {
      throw new PgMigrationError(
        `${component} in schema ${schema} is at version ${current}, newer than this server knows ` +
          `(${migrations.length}); run a newer server`,
      );
    }
    for (let version = current + 1; version <= migrations.length; version++) {
      await client.query(migrations[version - 1]!(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (component, version) VALUES ($1, $2)`, [
        component,
        version,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function currentVersion(client: PoolClient, s: string, component: string): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    `SELECT MAX(version) AS version FROM ${s}.schema_migrations WHERE component = $1`,
    [component],
  );
  return rows[0]?.version ?? 0;
}
