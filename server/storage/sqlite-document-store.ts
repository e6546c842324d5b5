/**
 * The embedded DocumentStore: one SQLite file holding a snapshot per document and an append-only log of
 * updates after it. better-sqlite3 is synchronous, so every call completes (and is durable against a process
 * crash) before its promise resolves; the promises only keep the interface shared with PostgreSQL.
 */
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Statement, Transaction } from 'better-sqlite3';
import { StorageError } from './document-store';
import type { AppendEntry, CompactOutcome, DocumentStore, StoredDocument } from './document-store';
import { configureSqlite, migrateSqlite } from '../db/sqlite-migrate';
import { sqliteReady } from '../db/sqlite-ready';
import type { SqliteMigration } from '../db/sqlite-migrate';
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

export type SqliteDocumentStoreOptions = (
  | {
      /** Path of the database file; created with its directory if missing. */
      file: string;
    }
  | {
      /** The server's data dir; the store lives in `<dataDir>/documents.sqlite`. */
      dataDir: string;
    }
) & {
  /** How long to wait for another connection's write lock before failing. @default 5_000 */
  busyTimeoutMs?: number;
};

/** The file name inside the data dir; the directory keeps its own file (see sqlite-directory.ts). */
export const DOCUMENTS_FILE = 'documents.sqlite';

const MIGRATIONS: readonly SqliteMigration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE snapshots (
        doc_name TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE updates (
        doc_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (doc_name, seq)
      ) WITHOUT ROWID;
    `);
  },
  // The newest compaction lease token accepted per document. It lives on the snapshot row because a token
  // is only ever accepted together with a snapshot; NULL until a compaction brings one.
  (db) => {
    db.exec('ALTER TABLE snapshots ADD COLUMN fencing_token INTEGER');
  },
  // Named versions (version-store.ts): a full copy of the document's state each, never a log position.
  (db) => {
    db.exec(`
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        doc_name TEXT NOT NULL,
        name TEXT NOT NULL,
        note TEXT,
        created_at INTEGER NOT NULL,
        created_by_id TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        approved_at INTEGER,
        approved_by_id TEXT,
        approved_by_name TEXT,
        size INTEGER NOT NULL,
        state BLOB NOT NULL
      );
      CREATE INDEX versions_by_doc ON versions (doc_name, created_at);
    `);
  },
];

interface Statements {
  latestSeq: Statement<[string, string], { seq: number }>;
  insertUpdate: Statement<[string, number, Uint8Array]>;
  snapshot: Statement<[string], { state: Buffer; seq: number }>;
  snapshotFence: Statement<[string], { seq: number; fencing_token: number | null }>;
  updatesAfter: Statement<[string, number], { seq: number; data: Buffer }>;
  upsertSnapshot: Statement<[string, Uint8Array, number, number | null]>;
  deleteUpdatesThrough: Statement<[string, number]>;
  deleteUpdates: Statement<[string]>;
  deleteSnapshot: Statement<[string]>;
  insertVersion: Statement<
    [string, string, string, string | null, number, string, string, number, Uint8Array]
  >;
  listVersions: Statement<[string], VersionRow>;
  getVersion: Statement<[string, string], VersionRow>;
  versionState: Statement<[string, string], { state: Buffer }>;
  approveVersion: Statement<[number, string, string, string, string]>;
  deleteVersion: Statement<[string, string]>;
}

export class SqliteDocumentStore implements DocumentStore, VersionStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly appendTx: Transaction<(entries: readonly AppendEntry[]) => number[]>;
  private readonly loadTx: Transaction<(docName: string) => StoredDocument>;
  private readonly compactTx: Transaction<
    (docName: string, snapshot: Uint8Array, throughSeq: number, fencingToken?: number) => CompactOutcome
  >;
  private readonly deleteTx: Transaction<(docName: string) => void>;

  constructor(options: SqliteDocumentStoreOptions) {
    const file = 'file' in options ? options.file : path.join(options.dataDir, DOCUMENTS_FILE);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.db = new Database(file);
      configureSqlite(this.db, options.busyTimeoutMs ?? 5_000);
      migrateSqlite(this.db, MIGRATIONS, `document store ${file}`);
    } catch (error) {
      throw new StorageError(`Cannot open document store ${file}: ${describeError(error)}`, undefined, {
        cause: error,
      });
    }
    const db = this.db;
    this.statements = {
      // The log's newest row wins; after a compaction emptied the log, the snapshot remembers the seq.
      latestSeq: db.prepare(
        `SELECT MAX(COALESCE((SELECT MAX(seq) FROM updates WHERE doc_name = ?), 0),
                    COALESCE((SELECT seq FROM snapshots WHERE doc_name = ?), 0)) AS seq`,
      ),
      insertUpdate: db.prepare('INSERT INTO updates (doc_name, seq, data) VALUES (?, ?, ?)'),
      snapshot: db.prepare('SELECT state, seq FROM snapshots WHERE doc_name = ?'),
      snapshotFence: db.prepare('SELECT seq, fencing_token FROM snapshots WHERE doc_name = ?'),
      updatesAfter: db.prepare('SELECT seq, data FROM updates WHERE doc_name = ? AND seq > ? ORDER BY seq'),
      upsertSnapshot: db.prepare(
        `INSERT INTO snapshots (doc_name, state, seq, fencing_token) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE
           SET state = excluded.state, seq = excluded.seq, fencing_token = excluded.fencing_token`,
      ),
      deleteUpdatesThrough: db.prepare('DELETE FROM updates WHERE doc_name = ? AND seq <= ?'),
      deleteUpdates: db.prepare('DELETE FROM updates WHERE doc_name = ?'),
      deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE doc_name = ?'),
      insertVersion: db.prepare(
        `INSERT INTO versions (id, doc_name, name, note, created_at, created_by_id, created_by_name, size, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listVersions: db.prepare(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE doc_name = ? ORDER BY created_at DESC, id DESC`,
      ),
      getVersion: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE doc_name = ? AND id = ?`),
      versionState: db.prepare('SELECT state FROM versions WHERE doc_name = ? AND id = ?'),
      approveVersion: db.prepare(
        `UPDATE versions SET approved_at = ?, approved_by_id = ?, approved_by_name = ?
         WHERE doc_name = ? AND id = ? AND approved_at IS NULL`,
      ),
      deleteVersion: db.prepare('DELETE FROM versions WHERE doc_name = ? AND id = ? AND approved_at IS NULL'),
    };
    const s = this.statements;
    const latest = (docName: string) => s.latestSeq.get(docName, docName)?.seq ?? 0;

    this.appendTx = db.transaction((entries: readonly AppendEntry[]) => {
      // Several entries of one document in a batch take consecutive seqs without re-querying.
      const next = new Map<string, number>();
      return entries.map((entry, index) => {
        checkEntry(entry, index);
        const seq = (next.get(entry.docName) ?? latest(entry.docName)) + 1;
        next.set(entry.docName, seq);
        s.insertUpdate.run(entry.docName, seq, entry.update);
        return seq;
      });
    });

    this.loadTx = db.transaction((docName: string): StoredDocument => {
      const snapshot = s.snapshot.get(docName);
      const rows = s.updatesAfter.all(docName, snapshot?.seq ?? 0);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        seq: rows.at(-1)?.seq ?? snapshot?.seq ?? 0,
      };
    });

    this.compactTx = db.transaction(
      (docName: string, snapshot: Uint8Array, throughSeq: number, fencingToken?: number): CompactOutcome => {
        checkFencingToken(docName, fencingToken);
        const current = s.snapshotFence.get(docName);
        checkThroughSeq(docName, throughSeq, latest(docName));
        const accepted = current?.fencing_token ?? null;
        if (fencingToken !== undefined && accepted !== null && fencingToken < accepted) return 'fenced';
        // A late compaction (built before a newer one committed) must not replace the newer snapshot: the log
        // rows it would need were already deleted.
        if (current && current.seq > throughSeq) return 'superseded';
        // An unfenced compaction keeps the token on record, so a stale holder stays refused after it.
        s.upsertSnapshot.run(docName, snapshot, throughSeq, fencingToken ?? accepted);
        s.deleteUpdatesThrough.run(docName, throughSeq);
        return 'compacted';
      },
    );

    this.deleteTx = db.transaction((docName: string) => {
      s.deleteUpdates.run(docName);
      s.deleteSnapshot.run(docName);
    });
  }

  async load(docName: string): Promise<StoredDocument> {
    return this.run(docName, 'load', () => this.loadTx(docName));
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const docName = entries.length === 1 ? entries[0]?.docName : undefined;
    // IMMEDIATE takes the write lock up front, so the seq read and the insert cannot interleave with
    // another connection's append to the same file.
    return this.run(docName, `append of ${entries.length} update(s)`, () => this.appendTx.immediate(entries));
  }

  async compact(
    docName: string,
    snapshot: Uint8Array,
    throughSeq: number,
    fencingToken?: number,
  ): Promise<CompactOutcome> {
    return this.run(docName, 'compact', () =>
      this.compactTx.immediate(docName, snapshot, throughSeq, fencingToken),
    );
  }

  async delete(docName: string): Promise<void> {
    return this.run(docName, 'delete', () => this.deleteTx.immediate(docName));
  }

  async createVersion(version: NewVersion): Promise<VersionRecord> {
    return this.run(version.docName, 'version create', () => {
      const s = this.statements;
      s.insertVersion.run(
        version.id,
        version.docName,
        version.name,
        version.note,
        version.createdAt,
        version.createdBy.id,
        version.createdBy.name,
        version.state.byteLength,
        version.state,
      );
      return versionFromRow(s.getVersion.get(version.docName, version.id)!);
    });
  }

  async listVersions(docName: string): Promise<VersionRecord[]> {
    return this.run(docName, 'version list', () =>
      this.statements.listVersions.all(docName).map(versionFromRow),
    );
  }

  async getVersion(docName: string, versionId: string): Promise<VersionRecord | null> {
    return this.run(docName, 'version read', () => {
      const row = this.statements.getVersion.get(docName, versionId);
      return row ? versionFromRow(row) : null;
    });
  }

  async versionState(docName: string, versionId: string): Promise<Uint8Array | null> {
    return this.run(docName, 'version state read', () => {
      const row = this.statements.versionState.get(docName, versionId);
      return row ? new Uint8Array(row.state) : null;
    });
  }

  async approveVersion(
    docName: string,
    versionId: string,
    at: number,
    by: VersionAuthor,
  ): Promise<VersionRecord | null> {
    return this.run(docName, 'version approve', () => {
      const s = this.statements;
      s.approveVersion.run(at, by.id, by.name, docName, versionId);
      const row = s.getVersion.get(docName, versionId);
      return row ? versionFromRow(row) : null;
    });
  }

  async deleteVersion(docName: string, versionId: string): Promise<DeleteVersionOutcome> {
    return this.run(docName, 'version delete', () => {
      const s = this.statements;
      if (s.deleteVersion.run(docName, versionId).changes > 0) return 'deleted';
      return s.getVersion.get(docName, versionId) ? 'approved' : 'missing';
    });
  }

  async ready(): Promise<boolean> {
    return sqliteReady(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private run<T>(docName: string | undefined, what: string, fn: () => T): T {
    if (!this.db.open) {
      throw new StorageError(`Document store is closed (${what}${docName ? ` of ${docName}` : ''})`, docName);
    }
    try {
      return fn();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(
        `SQLite ${what}${docName ? ` of ${docName}` : ''} failed: ${describeError(error)}`,
        docName,
        { cause: error },
      );
    }
  }
}

/** The store over `<dataDir>/documents.sqlite`. */
export function openSqliteDocumentStore(dataDir: string): SqliteDocumentStore {
  return new SqliteDocumentStore({ dataDir });
}
