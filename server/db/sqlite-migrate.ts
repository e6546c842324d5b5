/**
 * Versioned schema migrations for one SQLite database file. The version lives in `PRAGMA user_version`,
 * which is one integer per file: that is why each component (document store, directory) owns its own file.
 */
import type { Database } from 'better-sqlite3';

/** Migration N (1-based index) takes the schema from version N-1 to N. Never edit one that has shipped. */
export type SqliteMigration = (db: Database) => void;

export class SqliteMigrationError extends Error {
  override name = 'SqliteMigrationError';
}

/**
 * Applies every migration after the file's current version, each in its own transaction together with the
 * version bump, so a crash mid-way leaves the file at a consistent version.
 */
export function migrateSqlite(db: Database, migrations: readonly SqliteMigration[], what: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new SqliteMigrationError(
      `${what}: database schema version ${current} is newer than this server knows (${migrations.length}); ` +
        'run a newer server or restore a backup taken before the upgrade',
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const migration = migrations[version - 1]!;
    db.transaction(() => {
      migration(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}

/** Pragmas every Setboard SQLite file uses; see the comments for why each matters. */
export function configureSqlite(db: Database, busyTimeoutMs: number): void {
  // WAL lets readers proceed while a write commits, and with synchronous=NORMAL a committed transaction
  // survives a process crash (kill -9); only an OS crash or power loss can lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Another process (a backup, the CLI) may hold the write lock briefly; wait instead of failing at once.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('foreign_keys = ON');
  // better-sqlite3 raises SQLite's page cache to 16 MB per connection. Loaded documents live in the rooms and
  // the OS caches the file, so a large cache mostly holds a second copy of what was just written; SQLite's
  // own default (2 MB) keeps the process's memory close to what it serves.
  db.pragma('cache_size = -2000');
}
