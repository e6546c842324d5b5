/**
 * The DocumentStore on PostgreSQL, for several server instances sharing one database. Same model as the
 * SQLite store: a snapshot per document plus a log of later updates, in schema-qualified tables.
 *
 * Seqs come from a per-document counter row (`documents.last_seq`) bumped inside the append transaction,
 * not from a global bigserial. A sequence hands out numbers at call time, not at commit, so two concurrent
 * appends could commit out of order (11 visible before 10). A compaction through 11 would then delete row
 * 10 when it lands, although the snapshot never saw it. The counter row's lock makes appends to one
 * document commit in seq order, and keeps seqs contiguous per document.
 */
import type { Pool, PoolClient } from 'pg';
import { StorageError } from './document-store';
import type { AppendEntry, CompactOutcome, DocumentStore, StoredDocument } from './document-store';
import { migratePostgres, quoteSchema } from '../db/pg-migrate';
import type { PgMigration } from '../db/pg-migrate';
import { withTransaction } from '../db/pg-transaction';
import { openPool, pgReady, type PgConnectionOptions } from '../db/pg-connection';
import {
  VERSION_COLUMNS,
  versionFromRow,
  type DeleteVersionOutcome,
  type NewVersion,
  type VersionAuthor,
  type VersionRecord,
  type VersionRow,
  type VersionStore,
} from './version-store';
import { checkEntry, checkFencingToken, checkThroughSeq, describeError } from './validate';

export type PostgresDocumentStoreOptions = PgConnectionOptions;

const MIGRATIONS: readonly PgMigration[] = [
  (s) => `
    CREATE TABLE ${s}.documents (
      doc_name text PRIMARY KEY,
      last_seq bigint NOT NULL
    );
    CREATE TABLE ${s}.snapshots (
      doc_name text PRIMARY KEY,
      state bytea NOT NULL,
      seq bigint NOT NULL
    );
    CREATE TABLE ${s}.updates (
      doc_name text NOT NULL,
      seq bigint NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (doc_name, seq)
    );`,
  // The newest compaction lease token accepted per document, kept with the snapshot it came with; NULL
  // until a fenced compaction brings one.
  (s) => `ALTER TABLE ${s}.snapshots ADD COLUMN fencing_token bigint;`,
  // Named versions (version-store.ts): a full copy of the document's state each, never a log position.
  (s) => `
    CREATE TABLE ${s}.versions (
      id text PRIMARY KEY,
      doc_name text NOT NULL,
      name text NOT NULL,
      note text,
      created_at bigint NOT NULL,
      created_by_id text NOT NULL,
      created_by_name text NOT NULL,
      approved_at bigint,
      approved_by_id text,
      approved_by_name text,
      size integer NOT NULL,
      state bytea NOT NULL
    );
    CREATE INDEX versions_by_doc ON ${s}.versions (doc_name, created_at);`,
];

const copy = (bytes: Buffer) => new Uint8Array(bytes);

/** Rows per INSERT statement; PostgreSQL allows 65,535 parameters per statement, 3 per row. */
const ROWS_PER_INSERT = 1_000;

export class PostgresDocumentStore implements DocumentStore, VersionStore {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly s: string,
  ) {}

  static async open(options: PostgresDocumentStoreOptions): Promise<PostgresDocumentStore> {
    const schema = options.schema ?? 'setboard';
    const pool = options.pool ?? openPool(options.connectionString);
    if (!options.pool) pool.on('error', options.onPoolError ?? (() => undefined));
    try {
      await migratePostgres(pool, schema, 'document_store', MIGRATIONS);
    } catch (error) {
      if (!options.pool) await pool.end();
      throw new StorageError(
        `Cannot open document store in schema ${schema}: ${describeError(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return new PostgresDocumentStore(pool, !options.pool, quoteSchema(schema));
  }

  async load(docName: string): Promise<StoredDocument> {
    // One statement sees one snapshot of the database, so a compaction committing in between cannot make
    // us read the old snapshot and then a log it already trimmed.
    const { rows } = await this.run(docName, 'load', (c) =>
      c.query<{ kind: number; seq: string; data: Buffer }>(
        `SELECT 0 AS kind, seq, state AS data FROM ${this.s}.snapshots WHERE doc_name = $1
         UNION ALL
         SELECT 1 AS kind, u.seq, u.data FROM ${this.s}.updates u
          WHERE u.doc_name = $1
            AND u.seq > COALESCE((SELECT seq FROM ${this.s}.snapshots WHERE doc_name = $1), 0)
         ORDER BY kind, seq`,
        [docName],
      ),
    );
    const snapshot = rows[0]?.kind === 0 ? rows[0] : undefined;
    const updates = snapshot ? rows.slice(1) : rows;
    return {
      snapshot: snapshot ? copy(snapshot.data) : null,
      updates: updates.map((row) => copy(row.data)),
      seq: Number(rows.at(-1)?.seq ?? 0),
    };
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    entries.forEach(checkEntry);
    const counts = new Map<string, number>();
    for (const { docName } of entries) counts.set(docName, (counts.get(docName) ?? 0) + 1);
    // Counter rows are locked in name order, so two batches touching the same documents cannot deadlock.
    const names = [...counts.keys()].sort();
    const docName = names.length === 1 ? names[0] : undefined;
    return this.transaction(docName, `append of ${entries.length} update(s)`, async (c) => {
      const { rows } = await c.query<{ doc_name: string; last_seq: string }>(
        `INSERT INTO ${this.s}.documents (doc_name, last_seq)
         SELECT name, n FROM unnest($1::text[], $2::bigint[]) AS t(name, n) ORDER BY name
         ON CONFLICT (doc_name) DO UPDATE SET last_seq = documents.last_seq + excluded.last_seq
         RETURNING doc_name, last_seq`,
        [names, names.map((name) => counts.get(name)!)],
      );
      const next = new Map(
        rows.map((row) => [row.doc_name, Number(row.last_seq) - counts.get(row.doc_name)!]),
      );
      const seqs = entries.map((entry) => {
        const seq = next.get(entry.docName)! + 1;
        next.set(entry.docName, seq);
        return seq;
      });
      for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
        const rows = entries.slice(start, start + ROWS_PER_INSERT);
        // One parameter per value: pg sends bytes as binary parameters, where a bytea[] travels as hex text,
        // twice the size and parsed on both ends.
        const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
        await c.query(
          `INSERT INTO ${this.s}.updates (doc_name, seq, data) VALUES ${values}`,
          rows.flatMap((entry, i) => [entry.docName, seqs[start + i], entry.update]),
        );
      }
      return seqs;
    });
  }

  async compact(
    docName: string,
    snapshot: Uint8Array,
    throughSeq: number,
    fencingToken?: number,
  ): Promise<CompactOutcome> {
    checkFencingToken(docName, fencingToken);
    return this.transaction(docName, 'compact', async (c) => {
      // Locking the counter row orders this against appends, so the check below sees the true latest seq.
      const { rows } = await c.query<{ last_seq: string }>(
        `SELECT last_seq FROM ${this.s}.documents WHERE doc_name = $1 FOR UPDATE`,
        [docName],
      );
      checkThroughSeq(docName, throughSeq, Number(rows[0]?.last_seq ?? 0));
      // The conditions sit in the upsert itself, so they hold even for a document with no counter row to
      // lock. A late compaction must not replace a newer snapshot (the log rows it lacks are already gone),
      // and a stale lease holder must not replace what a newer one wrote. An unfenced compaction keeps the
      // token on record, so a stale holder stays refused after it.
      const stored = await c.query(
        `INSERT INTO ${this.s}.snapshots (doc_name, state, seq, fencing_token) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_name) DO UPDATE
           SET state = excluded.state, seq = excluded.seq,
               fencing_token = COALESCE(excluded.fencing_token, snapshots.fencing_token)
         WHERE snapshots.seq <= excluded.seq
           AND (excluded.fencing_token IS NULL OR snapshots.fencing_token IS NULL
                OR snapshots.fencing_token <= excluded.fencing_token)`,
        [docName, snapshot, throughSeq, fencingToken ?? null],
      );
      if (stored.rowCount === 0) {
        // The conflicting row is locked by the upsert, so this reads what refused us.
        const current = await c.query<{ fencing_token: string | null }>(
          `SELECT fencing_token FROM ${this.s}.snapshots WHERE doc_name = $1`,
          [docName],
        );
        const accepted = current.rows[0]?.fencing_token;
        const fenced = fencingToken !== undefined && accepted != null && Number(accepted) > fencingToken;
        return fenced ? 'fenced' : 'superseded';
      }
      await c.query(`DELETE FROM ${this.s}.updates WHERE doc_name = $1 AND seq <= $2`, [docName, throughSeq]);
      return 'compacted';
    });
  }

  async delete(docName: string): Promise<void> {
    await this.transaction(docName, 'delete', async (c) => {
      await c.query(`DELETE FROM ${this.s}.documents WHERE doc_name = $1`, [docName]);
      await c.query(`DELETE FROM ${this.s}.updates WHERE doc_name = $1`, [docName]);
      await c.query(`DELETE FROM ${this.s}.snapshots WHERE doc_name = $1`, [docName]);
    });
  }

  async createVersion(version: NewVersion): Promise<VersionRecord> {
    const { rows } = await this.run(version.docName, 'version create', (c) =>
      c.query<VersionRow>(
        `INSERT INTO ${this.s}.versions
           (id, doc_name, name, note, created_at, created_by_id, created_by_name, size, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING ${VERSION_COLUMNS}`,
        [
          version.id,
          version.docName,
          version.name,
          version.note,
          version.createdAt,
          version.createdBy.id,
          version.createdBy.name,
          version.state.byteLength,
          version.state,
        ],
      ),
    );
    return versionFromRow(rows[0]!);
  }

  async listVersions(docName: string): Promise<VersionRecord[]> {
    const { rows } = await this.run(docName, 'version list', (c) =>
      c.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM ${this.s}.versions WHERE doc_name = $1
         ORDER BY created_at DESC, id DESC`,
        [docName],
      ),
    );
    return rows.map(versionFromRow);
  }

  async getVersion(docName: string, versionId: string): Promise<VersionRecord | null> {
    const { rows } = await this.run(docName, 'version read', (c) =>
      c.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM ${this.s}.versions WHERE doc_name = $1 AND id = $2`,
        [docName, versionId],
      ),
    );
    return rows[0] ? versionFromRow(rows[0]) : null;
  }

  async versionState(docName: string, versionId: string): Promise<Uint8Array | null> {
    const { rows } = await this.run(docName, 'version state read', (c) =>
      c.query<{ state: Buffer }>(`SELECT state FROM ${this.s}.versions WHERE doc_name = $1 AND id = $2`, [
        docName,
        versionId,
      ]),
    );
    return rows[0] ? copy(rows[0].state) : null;
  }

  async approveVersion(
    docName: string,
    versionId: string,
    at: number,
    by: VersionAuthor,
  ): Promise<VersionRecord | null> {
    // The first approval stands: a second one changes nothing and reads the record as it is.
    await this.run(docName, 'version approve', (c) =>
      c.query(
        `UPDATE ${this.s}.versions SET approved_at = $1, approved_by_id = $2, approved_by_name = $3
         WHERE doc_name = $4 AND id = $5 AND approved_at IS NULL`,
        [at, by.id, by.name, docName, versionId],
      ),
    );
    return this.getVersion(docName, versionId);
  }

  async deleteVersion(docName: string, versionId: string): Promise<DeleteVersionOutcome> {
    const deleted = await this.run(docName, 'version delete', (c) =>
      c.query(`DELETE FROM ${this.s}.versions WHERE doc_name = $1 AND id = $2 AND approved_at IS NULL`, [
        docName,
        versionId,
      ]),
    );
    if ((deleted.rowCount ?? 0) > 0) return 'deleted';
    return (await this.getVersion(docName, versionId)) ? 'approved' : 'missing';
  }

  async ready(): Promise<boolean> {
    return !this.closed && pgReady(this.pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private async transaction<T>(
    docName: string | undefined,
    what: string,
    fn: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    return this.run(docName, what, (pool) => withTransaction(pool, fn));
  }

  private async run<T>(
    docName: string | undefined,
    what: string,
    fn: (pool: Pool) => Promise<T>,
  ): Promise<T> {
    const where = docName ? ` of ${docName}` : '';
    if (this.closed) throw new StorageError(`Document store is closed (${what}${where})`, docName);
    try {
      return await fn(this.pool);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`PostgreSQL ${what}${where} failed: ${describeError(error)}`, docName, {
        cause: error,
      });
    }
  }
}
