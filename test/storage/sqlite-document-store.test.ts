import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDocumentStore, openSqliteDocumentStore } from '../../server/storage/sqlite-document-store';
import { StorageError } from '../../server/storage/document-store';
import { registerDocumentStoreContract } from './contract';

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
      expect(db.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
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
