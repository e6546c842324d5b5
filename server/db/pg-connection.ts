import pg, { type Pool } from 'pg';

/** How a PostgreSQL-backed part gets its connections; shared by the document store, directory and lease. */
export interface PgConnectionOptions {
  /** `postgres://user@host:5432/db`; ignored when `pool` is given. */
  connectionString?: string;
  /** A pool owned by the caller: close() leaves it open. */
  pool?: Pool;
  /** Schema holding the tables, created if missing. @default 'setboard' */
  schema?: string;
  /** Errors of idle pooled connections (a database restart); without a listener they would crash the process. */
  onPoolError?: (error: Error) => void;
}

/** For /readyz: the pool answers a query. Never throws. */
export async function pgReady(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * A pool that fails rather than hangs when the database is unreachable. pg waits forever by default: a
 * partition would leave a connect or a query on a dead socket pending for hours, and the sync service's
 * held updates (docs/PROTOCOL.md, "When the store is down") would never be retried. Timeouts turn that into
 * errors the callers already handle.
 */
export function openPool(connectionString: string | undefined, max?: number): Pool {
  return new pg.Pool({
    connectionString,
    connectionTimeoutMillis: 5_000,
    // Longer than any append or compaction takes on a healthy database.
    query_timeout: 30_000,
    keepAlive: true,
    ...(max ? { max } : {}),
  });
}
