/**
 * The compaction lease in PostgreSQL rather than Redis: the fencing token must never go back, and our Redis
 * runs without persistence (a restart would reset a Redis counter and every later token would look stale to
 * the store). PostgreSQL keeps the token next to the documents it protects, and its clock (`now()`) is the
 * only clock that decides expiry, so instances with skewed clocks cannot both believe they hold a lease.
 */
import pg from 'pg';
import type { Logger } from '../logger';
import type { CompactionLease, LeaseOutcome } from '../sync/compaction-lease';
import { migrateClusterSchema, qualifiedTable } from './postgres-cluster-migrations';
import { openPool } from '../db/pg-connection';

export interface PostgresLeaseOptions {
  connectionString: string;
  /** @default 'public' */
  schema?: string;
  /** Who holds a lease (logged and stored for an operator reading the table). */
  holder: string;
  logger: Logger;
  /**
   * A lease not released within this is free for another instance: longer than any compaction takes, short
   * enough that a crashed holder blocks compaction only briefly.
   * @default 30_000
   */
  ttlMs?: number;
}

export async function createPostgresLease(options: PostgresLeaseOptions): Promise<CompactionLease> {
  const pool = openPool(options.connectionString, 2);
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'Lease database connection dropped'));
  const schema = options.schema ?? 'public';
  try {
    await migrateClusterSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot prepare the compaction lease table in schema ${schema}`, { cause: error });
  }
  return new PostgresLease(pool, qualifiedTable(schema, 'leases'), options);
}

class PostgresLease implements CompactionLease {
  private readonly logger: Logger;
  private readonly ttlMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
    private readonly options: PostgresLeaseOptions,
  ) {
    this.logger = options.logger.child({ module: 'compaction-lease', holder: options.holder });
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  async tryAcquire(resource: string): Promise<LeaseOutcome> {
    let rows: Array<{ token: string }>;
    try {
      // One statement: take a free or expired lease and bump its token, or change nothing.
      ({ rows } = await this.pool.query<{ token: string }>(
        `INSERT INTO ${this.table} (resource, holder, token, expires_at)
         VALUES ($1, $2, 1, now() + make_interval(secs => $3::float8 / 1000))
         ON CONFLICT (resource) DO UPDATE
           SET holder = EXCLUDED.holder, token = ${this.table}.token + 1, expires_at = EXCLUDED.expires_at
           WHERE ${this.table}.expires_at <= now()
         RETURNING token`,
        [resource, this.options.holder, this.ttlMs],
      ));
    } catch (error) {
      this.logger.warn({ err: error, resource }, 'Lease database unavailable; compaction skipped this time');
      return { acquired: false, reason: 'unavailable' };
    }
    const row = rows[0];
    if (!row) return { acquired: false, reason: 'held' };
    const fencingToken = Number(row.token);
    return {
      acquired: true,
      lease: { resource, fencingToken, release: () => this.release(resource, fencingToken) },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async release(resource: string, fencingToken: number): Promise<void> {
    try {
      await this.pool.query(
        `UPDATE ${this.table} SET expires_at = now() WHERE resource = $1 AND token = $2 AND expires_at > now()`,
        [resource, fencingToken],
      );
    } catch (error) {
      // The lease expires on its own; another instance waits at most the TTL.
      this.logger.warn({ err: error, resource, fencingToken }, 'Could not release a lease; it will expire');
    }
  }
}
