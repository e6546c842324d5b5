import type { Pool } from 'pg';

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
