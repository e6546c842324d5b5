/**
 * Set status and notification history on disk, for one process (embedded mode): a restart mid-day brings
 * back the status the AD called and the day's notifications, so no tablet sees the set "forget". Its own file
 * (`<dataDir>/set-state.sqlite`) for the reason the directory has one: `user_version` is one number per file.
 * Several instances share this state through Redis instead (server/cluster/redis-set-state.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Notification, SetStatus } from '../../shared/set-channel';
import { configureSqlite, migrateSqlite, type SqliteMigration } from '../db/sqlite-migrate';
import { SET_STATE_DEFAULTS, type SetStateStore } from './set-state';

export const SET_STATE_FILE = 'set-state.sqlite';

const MIGRATIONS: readonly SqliteMigration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE set_status (
        production_id TEXT PRIMARY KEY,
        status TEXT NOT NULL
      );
      CREATE TABLE notifications (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        production_id TEXT NOT NULL,
        notification TEXT NOT NULL
      );
      CREATE INDEX notifications_by_production ON notifications (production_id, seq);
    `);
  },
  (db) => {
    // Per member, not per device: reading on the phone clears the count on the tablet too.
    db.exec(`
      CREATE TABLE read_markers (
        production_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (production_id, member_id)
      );
    `);
  },
];

export interface SqliteSetStateOptions {
  dataDir: string;
  /** @default SET_STATE_DEFAULTS.historyLimit */
  historyLimit?: number;
}

export class SqliteSetStateStore implements SetStateStore {
  private readonly db: Database.Database;
  private readonly historyLimit: number;
  private readonly q: ReturnType<typeof prepare>;

  constructor(options: SqliteSetStateOptions) {
    const file = path.join(options.dataDir, SET_STATE_FILE);
    this.historyLimit = options.historyLimit ?? SET_STATE_DEFAULTS.historyLimit;
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(file);
    try {
      configureSqlite(this.db, 5_000);
      migrateSqlite(this.db, MIGRATIONS, `set state ${file}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.q = prepare(this.db);
  }

  async getStatus(productionId: string): Promise<SetStatus | null> {
    const row = this.q.status.get(productionId);
    return row ? (JSON.parse(row.status) as SetStatus) : null;
  }

  async setStatus(productionId: string, status: SetStatus): Promise<void> {
    this.q.putStatus.run(productionId, JSON.stringify(status));
  }

  async addNotification(productionId: string, notification: Notification): Promise<void> {
    this.db.transaction(() => {
      this.q.addNotification.run(productionId, JSON.stringify(notification));
      this.q.trim.run(productionId, productionId, this.historyLimit);
    })();
  }

  async recentNotifications(productionId: string): Promise<Notification[]> {
    return this.q.notifications.all(productionId).map((row) => JSON.parse(row.notification) as Notification);
  }

  async readUpTo(productionId: string, memberId: string): Promise<string | null> {
    return this.q.readAt.get(productionId, memberId)?.read_at ?? null;
  }

  async markRead(productionId: string, memberId: string, at: string): Promise<void> {
    this.q.putReadAt.run(productionId, memberId, at);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    status: db.prepare<[string], { status: string }>('SELECT status FROM set_status WHERE production_id = ?'),
    putStatus: db.prepare<[string, string]>(
      `INSERT INTO set_status (production_id, status) VALUES (?, ?)
       ON CONFLICT (production_id) DO UPDATE SET status = excluded.status`,
    ),
    addNotification: db.prepare<[string, string]>(
      'INSERT INTO notifications (production_id, notification) VALUES (?, ?)',
    ),
    // Everything older than the newest `limit` rows of the production.
    trim: db.prepare<[string, string, number]>(
      `DELETE FROM notifications WHERE production_id = ? AND seq < (
         SELECT MIN(seq) FROM (
           SELECT seq FROM notifications WHERE production_id = ? ORDER BY seq DESC LIMIT ?
         )
       )`,
    ),
    notifications: db.prepare<[string], { notification: string }>(
      'SELECT notification FROM notifications WHERE production_id = ? ORDER BY seq',
    ),
    readAt: db.prepare<[string, string], { read_at: string }>(
      'SELECT read_at FROM read_markers WHERE production_id = ? AND member_id = ?',
    ),
    putReadAt: db.prepare<[string, string, string]>(
      `INSERT INTO read_markers (production_id, member_id, read_at) VALUES (?, ?, ?)
       ON CONFLICT (production_id, member_id) DO UPDATE SET read_at = excluded.read_at`,
    ),
  };
}
