import type { Database } from 'better-sqlite3';

/** For /readyz: the database is open and answers a query. Never throws. */
export function sqliteReady(db: Database): boolean {
  try {
    return db.open && db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
