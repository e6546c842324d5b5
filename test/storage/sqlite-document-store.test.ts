import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDocumentStore, openSqliteDocumentStore } from '../../server/storage/sqlite-document-store';
import { StorageError } from '../../server/storage/document-store';
import { expectUpgradedFromVersion1, registerDocumentStoreContract } from './contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-docstore-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

registerDocumentStoreContract('SQLite', async () => openSqliteDocumentStore(dir));

describe('SqliteDocumentStore', () => {
  it('uses WAL, synchronous=NORMAL and records its schema version', async () => {
    const file = path.join(dir, 'pragmas', 'docs.sqlite');
    const store = new SqliteDocumentStore({ file });
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
    } finally {
      db.close();
    }
  });

  it('upgrades a version 1 file: its documents load and compactions are fenced from then on', async () => {
    const file = path.join(dir, 'version-1.sqlite');
    const db = new Database(file);
    // The schema as version 1 shipped it, with a compacted document in it.
    db.exec(`
      CREATE TABLE snapshots (doc_name TEXT PRIMARY KEY, state BLOB NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE updates (
        doc_name TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_name, seq)
      ) WITHOUT ROWID;
      INSERT INTO snapshots VALUES ('p/shotlist', x'0a', 1);
      INSERT INTO updates VALUES ('p/shotlist', 2, x'0b');
    `);
    db.pragma('user_version = 1');
    db.close();
    const store = new SqliteDocumentStore({ file });
    try {
      await expectUpgradedFromVersion1(store);
    } finally {
      await store.close();
    }
    const upgraded = new Database(file, { readonly: true });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(3);
    upgraded.close();
  });

  it('refuses a file whose schema is newer than it knows', () => {
    const file = path.join(dir, 'future.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteDocumentStore({ file })).toThrow(StorageError);
    expect(() => new SqliteDocumentStore({ file })).toThrow(/version 99 is newer/);
  });
});
