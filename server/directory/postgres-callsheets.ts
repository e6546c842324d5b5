/**
 * Published call sheets and personal links in the PostgreSQL directory (callsheet-records.ts); same rules
 * as `sqlite-callsheets.ts`. The tables come with the directory's migration `CALLSHEET_PG_MIGRATION`.
 */
import type { Pool } from 'pg';
import type { PgMigration } from '../db/pg-migrate';
import { withTransaction } from '../db/pg-transaction';
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

export const CALLSHEET_PG_MIGRATION: PgMigration = (s) => `
  CREATE TABLE ${s}.callsheet_links (
    code_hash text PRIMARY KEY,
    production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
    day integer NOT NULL,
    person_id text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
  );
  CREATE INDEX callsheet_links_by_person ON ${s}.callsheet_links (production_id, day, person_id);
  CREATE TABLE ${s}.callsheet_revisions (
    production_id text NOT NULL REFERENCES ${s}.productions (id) ON DELETE CASCADE,
    day integer NOT NULL,
    n integer NOT NULL,
    colour text NOT NULL,
    published_at timestamptz NOT NULL,
    by_id text NOT NULL,
    by_name text NOT NULL,
    note text,
    version_id text,
    sheet jsonb NOT NULL,
    PRIMARY KEY (production_id, day, n)
  );
  CREATE TABLE ${s}.callsheet_recipients (
    production_id text NOT NULL,
    day integer NOT NULL,
    n integer NOT NULL,
    person_id text NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    department text,
    title text,
    status text NOT NULL,
    opened_at timestamptz,
    confirmed_at timestamptz,
    part jsonb NOT NULL,
    own_changes jsonb NOT NULL,
    delivery_status text,
    delivery_reason text,
    delivery_at timestamptz,
    PRIMARY KEY (production_id, day, n, person_id),
    FOREIGN KEY (production_id, day, n) REFERENCES ${s}.callsheet_revisions (production_id, day, n)
      ON DELETE CASCADE
  );`;

const KEY = 'production_id = $2 AND day = $3 AND n = $4 AND person_id = $5';

export class PostgresCallSheets implements CallSheetRecords {
  constructor(
    private readonly pool: () => Pool,
    private readonly s: string,
    private readonly now: () => Date,
  ) {}

  async issueCallSheetLink(productionId: string, day: number, personId: string): Promise<string> {
    const code = newSecret();
    const now = this.now();
    await withTransaction(this.pool(), async (c) => {
      // The production's row lock serialises two reissues for one person, so one link stays working.
      const production = await c.query(`SELECT id FROM ${this.s}.productions WHERE id = $1 FOR UPDATE`, [
        productionId,
      ]);
      if (production.rowCount === 0) throw new DirectoryError('not_found', `No production ${productionId}`);
      await c.query(
        `UPDATE ${this.s}.callsheet_links SET revoked_at = $1
          WHERE production_id = $2 AND day = $3 AND person_id = $4 AND revoked_at IS NULL`,
        [now, productionId, day, personId],
      );
      await c.query(
        `INSERT INTO ${this.s}.callsheet_links (code_hash, production_id, day, person_id, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [hashSecret(code), productionId, day, personId, now],
      );
    });
    return code;
  }

  async callSheetLinkHolders(productionId: string, day: number): Promise<Set<string>> {
    const { rows } = await this.pool().query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM ${this.s}.callsheet_links
        WHERE production_id = $1 AND day = $2 AND revoked_at IS NULL`,
      [productionId, day],
    );
    return new Set(rows.map((r) => r.person_id));
  }

  async resolveCallSheetLink(code: string): Promise<LinkTarget | null> {
    if (typeof code !== 'string' || code.length === 0) return null;
    const { rows } = await this.pool().query<{ production_id: string; day: number; person_id: string }>(
      `SELECT production_id, day, person_id FROM ${this.s}.callsheet_links
        WHERE code_hash = $1 AND revoked_at IS NULL`,
      [hashSecret(code)],
    );
    const row = rows[0];
    return row ? { productionId: row.production_id, day: row.day, personId: row.person_id } : null;
  }

  async latestCallSheetRevision(productionId: string, day: number): Promise<RevisionRecord | null> {
    const { rows } = await this.pool().query<RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM ${this.s}.callsheet_revisions
        WHERE production_id = $1 AND day = $2 ORDER BY n DESC LIMIT 1`,
      [productionId, day],
    );
    return rows[0] ? revisionFromRow(rows[0]) : null;
  }

  async addCallSheetRevision(revision: RevisionRecord, recipients: NewRecipient[]): Promise<boolean> {
    const { productionId, day, n } = revision;
    return withTransaction(this.pool(), async (c) => {
      const inserted = await c.query(
        `INSERT INTO ${this.s}.callsheet_revisions (${REVISION_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [
          productionId,
          day,
          n,
          revision.colour,
          new Date(revision.publishedAt),
          revision.by.id,
          revision.by.name,
          revision.note,
          revision.versionId,
          JSON.stringify(revision.sheet),
        ],
      );
      if (inserted.rowCount === 0) return false;
      await c.query(
        `UPDATE ${this.s}.callsheet_recipients SET status = 'superseded'
          WHERE production_id = $1 AND day = $2 AND n < $3 AND status <> 'superseded'`,
        [productionId, day, n],
      );
      for (const [position, r] of recipients.entries()) {
        await c.query(
          `INSERT INTO ${this.s}.callsheet_recipients (production_id, day, n, person_id, position, name,
             department, title, status, confirmed_at, part, own_changes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            productionId,
            day,
            n,
            r.personId,
            position,
            r.name,
            r.department,
            r.title,
            r.status,
            r.confirmedAt === null ? null : new Date(r.confirmedAt),
            JSON.stringify(r.part),
            JSON.stringify(r.ownChanges),
          ],
        );
      }
      return true;
    });
  }

  async listCallSheetRevisions(productionId: string, day: number): Promise<RevisionWithRecipients[]> {
    const [revisions, recipients] = await Promise.all([
      this.pool().query<RevisionRow>(
        `SELECT ${REVISION_COLUMNS} FROM ${this.s}.callsheet_revisions
          WHERE production_id = $1 AND day = $2 ORDER BY n DESC`,
        [productionId, day],
      ),
      this.pool().query<RecipientRow>(
        `SELECT ${RECIPIENT_COLUMNS} FROM ${this.s}.callsheet_recipients
          WHERE production_id = $1 AND day = $2 ORDER BY n DESC, position`,
        [productionId, day],
      ),
    ]);
    const all = recipients.rows.map(recipientFromRow);
    return revisions.rows
      .map(revisionFromRow)
      .map((r) => ({ ...r, recipients: all.filter((x) => x.n === r.n) }));
  }

  async callSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
  ): Promise<RecipientRecord | null> {
    const { rows } = await this.pool().query<RecipientRow>(
      `SELECT ${RECIPIENT_COLUMNS} FROM ${this.s}.callsheet_recipients
        WHERE production_id = $1 AND day = $2 AND n = $3 AND person_id = $4`,
      [productionId, day, n, personId],
    );
    return rows[0] ? recipientFromRow(rows[0]) : null;
  }

  async markCallSheetRecipient(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    status: 'opened' | 'confirmed',
    at: number,
  ): Promise<RecipientRecord | null> {
    // One conditional UPDATE: of two devices confirming at once, one changes the row and reports it.
    const sql =
      status === 'opened'
        ? `UPDATE ${this.s}.callsheet_recipients SET status = 'opened', opened_at = $1
            WHERE ${KEY} AND status = 'sent' RETURNING ${RECIPIENT_COLUMNS}`
        : `UPDATE ${this.s}.callsheet_recipients SET status = 'confirmed', confirmed_at = $1
            WHERE ${KEY} AND status IN ('sent', 'opened') RETURNING ${RECIPIENT_COLUMNS}`;
    const { rows } = await this.pool().query<RecipientRow>(sql, [
      new Date(at),
      productionId,
      day,
      n,
      personId,
    ]);
    return rows[0] ? recipientFromRow(rows[0]) : null;
  }

  async recordCallSheetDelivery(
    productionId: string,
    day: number,
    n: number,
    personId: string,
    delivery: DeliveryRecord,
  ): Promise<void> {
    await this.pool().query(
      `UPDATE ${this.s}.callsheet_recipients SET delivery_status = $1, delivery_reason = $6, delivery_at = $7
        WHERE ${KEY}`,
      [delivery.status, productionId, day, n, personId, delivery.reason, new Date(delivery.at)],
    );
  }
}
