/**
 * Published call sheets and personal links in the SQLite directory file (callsheet-records.ts). The tables
 * come with the directory's migration `CALLSHEET_SQLITE_MIGRATION`; the directory owns the connection.
 */
import type Database from 'better-sqlite3';
import type { SqliteMigration } from '../db/sqlite-migrate';
import type {
  CallSheetRecords,
  DeliveryRecord,
  LinkTarget,
  NewRecipient,
  RecipientRecord,
  RevisionRecord,
  RevisionWithRecipients,
  RecipientRow,
  RevisionRow,
} from './callsheet-records';
import { RECIPIENT_COLUMNS, REVISION_COLUMNS, recipientFromRow, revisionFromRow } from './callsheet-records';
import { DirectoryError } from './directory-rules';
import { hashSecret, newSecret } from './secrets';

export const CALLSHEET_SQLITE_MIGRATION: SqliteMigration = (db) => {
  db.exec(`
    CREATE TABLE callsheet_links (
      code_hash TEXT PRIMARY KEY,
      production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
      day INTEGER NOT NULL,
      person_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE INDEX callsheet_links_by_person ON callsheet_links (production_id, day, person_id);
    CREATE TABLE callsheet_revisions (
      production_id TEXT NOT NULL REFERENCES productions (id) ON DELETE CASCADE,
      day INTEGER NOT NULL,
      n INTEGER NOT NULL,
      colour TEXT NOT NULL,
      published_at INTEGER NOT NULL,
      by_id TEXT NOT NULL,
      by_name TEXT NOT NULL,
      note TEXT,
      version_id TEXT,
      sheet TEXT NOT NULL,
      PRIMARY KEY (production_id, day, n)
    );
    CREATE TABLE callsheet_recipients (
      production_id TEXT NOT NULL,
      day INTEGER NOT NULL,
      n INTEGER NOT NULL,
      person_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      department TEXT,
      title TEXT,
      status TEXT NOT NULL,
      opened_at INTEGER,
      confirmed_at INTEGER,
      part TEXT NOT NULL,
      own_changes TEXT NOT NULL,
      delivery_status TEXT,
      delivery_reason TEXT,
      delivery_at INTEGER,
      PRIMARY KEY (production_id, day, n, person_id),
      FOREIGN KEY (production_id, day, n) REFERENCES callsheet_revisions (production_id, day, n)
        ON DELETE CASCADE
    );
  `);
};

export class SqliteCallSheets implements CallSheetRecords {
  private readonly q: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.q = prepare(db);
  }

  async issueCallSheetLink(productionId: string, day: number, personId: string): Promise<string> {
    const code = newSecret();
    const now = this.now().getTime();
    this.db.transaction(() => {
      if (!this.q.production.get(productionId)) {
        throw new DirectoryError('not_found', `No production ${productionId}`);
      }
      this.q.revokeLinks.run(now, productionId, day, personId);
      this.q.insertLink.run(hashSecret(code), productionId, day, personId, now);
    })();
    return code;
  }

  async callSheetLinkHolders(productionId: string, day: number): Promise<Set<string>> {
    return new Set(this.q.holders.all(productionId, day).map((r) => r.person_id));
  }

  async resolveCallSheetLink(code: string): Promise<LinkTarget | null> {
    if (typeof code !== 'string' || code.length === 0) return null;
    const row = this.q.link.get(hashSecret(code));
    return row ? { productionId: row.production_id, day: row.day, personId: row.person_id } : null;
  }

  async latestCallSheetRevision(productionId: string, day: number): Promise<RevisionRecord | null> {
    const row = this.q.latest.get(productionId, day);
    return row ? revisionFromRow(row) : null;
  }

  async addCallSheetRevision(revision: RevisionRecord, recipients: NewRecipient[]): Promise<boolean> {
    const { productionId, day, n } = revision;
    return this.db.transaction(() => {
      if (this.q.revisionExists.get(productionId, day, n)) return false;
      this.q.insertRevision.run(
        productionId,
        day,
        n,
        revision.colour,
        revision.publishedAt,
        revision.by.id,
        revision.by.name,
        revision.note,
        revision.versionId,
        JSON.stringify(revision.sheet),
      );
      this.q.supersede.run(productionId, day, n);
      recipients.forEach((r, position) =>
        this.q.insertRecipient.run(
          productionId,
          day,
          n,
          r.personId,
          position,
          r.name,
          r.department,
          r.title,
          r.status,
          r.confirmedAt,
          JSON.stringify(r.part),
          JSON.stringify(r.ownChanges),
        ),
      );
      return true;
    })();
  }

  async listCallSheetRevisions(productionId: string, day: number): Promise<RevisionWithRecipients[]> {
    const revisions = this.q.revisions.all(productionId, day).map(revisionFromRow);
    const recipients = this.q.recipients.all(productionId, day).map(recipientFromRow);
    return revisions.map((r) => ({ ...r, recipients: recipients.filter((x) => x.n === r.n) }));
  }

  async callSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
  ): Promise<RecipientRecord | null> {
    const row = this.q.recipient.get(productionId, day, n, personId);
    return row ? recipientFromRow(row) : null;
  }

  async markCallSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    status: 'opened' | 'confirmed',
    at: number,
  ): Promise<RecipientRecord | null> {
    const mark = status === 'opened' ? this.q.markOpened : this.q.markConfirmed;
    return this.db.transaction(() => {
      if (mark.run(at, productionId, day, n, personId).changes === 0) return null;
      const row = this.q.recipient.get(productionId, day, n, personId);
      return row ? recipientFromRow(row) : null;
    })();
  }

  async recordCallSheetDelivery(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    delivery: DeliveryRecord,
  ): Promise<void> {
    this.q.delivery.run(delivery.status, delivery.reason, delivery.at, productionId, day, n, personId);
  }
}

type Key = [string, number, number, string];

function prepare(db: Database.Database) {
  return {
    production: db.prepare<[string], { id: string }>('SELECT id FROM productions WHERE id = ?'),
    revokeLinks: db.prepare<[number, string, number, string]>(
      `UPDATE callsheet_links SET revoked_at = ?
        WHERE production_id = ? AND day = ? AND person_id = ? AND revoked_at IS NULL`,
    ),
    insertLink: db.prepare<[string, string, number, string, number]>(
      `INSERT INTO callsheet_links (code_hash, production_id, day, person_id, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    holders: db.prepare<[string, number], { person_id: string }>(
      `SELECT DISTINCT person_id FROM callsheet_links
        WHERE production_id = ? AND day = ? AND revoked_at IS NULL`,
    ),
    link: db.prepare<[string], { production_id: string; day: number; person_id: string }>(
      `SELECT production_id, day, person_id FROM callsheet_links WHERE code_hash = ? AND revoked_at IS NULL`,
    ),
    latest: db.prepare<[string, number], RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM callsheet_revisions
        WHERE production_id = ? AND day = ? ORDER BY n DESC LIMIT 1`,
    ),
    revisionExists: db.prepare<[string, number, number], { n: number }>(
      'SELECT n FROM callsheet_revisions WHERE production_id = ? AND day = ? AND n = ?',
    ),
    insertRevision: db.prepare<
      [string, number, number, string, number, string, string, string | null, string | null, string]
    >(`INSERT INTO callsheet_revisions (${REVISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    supersede: db.prepare<[string, number, number]>(
      `UPDATE callsheet_recipients SET status = 'superseded'
        WHERE production_id = ? AND day = ? AND n < ? AND status <> 'superseded'`,
    ),
    insertRecipient: db.prepare<
      [
        string,
        number,
        number,
        string,
        number,
        string,
        string | null,
        string | null,
        string,
        number | null,
        string,
        string,
      ]
    >(
      `INSERT INTO callsheet_recipients (production_id, day, n, person_id, position, name, department, title,
         status, confirmed_at, part, own_changes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revisions: db.prepare<[string, number], RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM callsheet_revisions WHERE production_id = ? AND day = ? ORDER BY n DESC`,
    ),
    recipients: db.prepare<[string, number], RecipientRow>(
      `SELECT ${RECIPIENT_COLUMNS} FROM callsheet_recipients
        WHERE production_id = ? AND day = ? ORDER BY n DESC, position`,
    ),
    recipient: db.prepare<Key, RecipientRow>(
      `SELECT ${RECIPIENT_COLUMNS} FROM callsheet_recipients
        WHERE production_id = ? AND day = ? AND n = ? AND person_id = ?`,
    ),
    markOpened: db.prepare<[number, ...Key]>(
      `UPDATE callsheet_recipients SET status = 'opened', opened_at = ?
        WHERE production_id = ? AND day = ? AND n = ? AND person_id = ? AND status = 'sent'`,
    ),
    markConfirmed: db.prepare<[number, ...Key]>(
      `UPDATE callsheet_recipients SET status = 'confirmed', confirmed_at = ?
        WHERE production_id = ? AND day = ? AND n = ? AND person_id = ? AND status IN ('sent', 'opened')`,
    ),
    delivery: db.prepare<['delivered' | 'failed', string | null, number, ...Key]>(
      `UPDATE callsheet_recipients SET delivery_status = ?, delivery_reason = ?, delivery_at = ?
        WHERE production_id = ? AND day = ? AND n = ? AND person_id = ?`,
    ),
  };
}
