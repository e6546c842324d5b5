import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/directory/secrets';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import { registerDirectoryContract } from './contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-directory-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

registerDirectoryContract('SQLite', async (options) => new SqliteDirectory({ ...options, dataDir: dir }));

describe('SqliteDirectory', () => {
  it('writes no token or invite code to disk, only their hashes', async () => {
    const file = path.join(dir, 'secrets', 'directory.sqlite');
    const directory = new SqliteDirectory({ file });
    const { production, token } = await directory.createProduction({ name: 'Docs', ownerName: 'Pat' });
    const { code } = await directory.createInvite(production.id, 'crew');
    await directory.close();
    const onDisk = Buffer.concat(
      fs.readdirSync(path.dirname(file)).map((name) => fs.readFileSync(path.join(path.dirname(file), name))),
    ).toString('latin1');
    expect(onDisk).toContain(production.id);
    expect(onDisk).not.toContain(token);
    expect(onDisk).not.toContain(code);
  });
});

describe('SqliteDirectory upgrade from version 1', () => {
  it('keeps a shared invite issued before invites had uses working, listed as a multi-use link', async () => {
    const file = path.join(dir, 'v1', 'directory.sqlite');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const v1 = new Database(file);
    // The version-1 schema as it shipped, with one production, its owner and a shared invite.
    v1.exec(`
      CREATE TABLE productions (id TEXT PRIMARY KEY, name TEXT NOT NULL, permissions TEXT NOT NULL,
        created_at INTEGER NOT NULL);
      CREATE TABLE members (id TEXT PRIMARY KEY, production_id TEXT NOT NULL REFERENCES productions (id)
        ON DELETE CASCADE, name TEXT NOT NULL, role TEXT NOT NULL, owner INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, revoked_at INTEGER);
      CREATE INDEX members_by_production ON members (production_id);
      CREATE TABLE invites (code_hash TEXT PRIMARY KEY, production_id TEXT NOT NULL REFERENCES productions (id)
        ON DELETE CASCADE, role TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES members (id)
        ON DELETE CASCADE, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX tokens_by_member ON tokens (member_id);
    `);
    const now = Date.now();
    v1.prepare('INSERT INTO productions VALUES (?, ?, ?, ?)').run('p1', 'Old Film', '{}', now);
    v1.prepare(
      'INSERT INTO members (id, production_id, name, role, owner, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    ).run('m1', 'p1', 'Pat', 'producer', now);
    v1.prepare('INSERT INTO invites VALUES (?, ?, ?, ?, ?)').run(
      hashSecret('legacy-code'),
      'p1',
      'crew',
      now,
      now + 86_400_000,
    );
    v1.pragma('user_version = 1');
    v1.close();

    const directory = new SqliteDirectory({ file });
    try {
      expect(await directory.redeemInvite('legacy-code', 'Ari')).toMatchObject({ member: { role: 'crew' } });
      expect(await directory.redeemInvite('legacy-code', 'Bo')).toMatchObject({ member: { role: 'crew' } });
      const [legacy] = await directory.listInvites('p1');
      expect(legacy).toMatchObject({ role: 'crew', uses: 1000, usesLeft: 998 });
      expect(legacy!.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(legacy!.usedBy.map((u) => u.name)).toEqual(['Ari', 'Bo']);
      expect(await directory.revokeInvite('p1', legacy!.id)).toBe(true);
      await expect(directory.redeemInvite('legacy-code', 'Cy')).rejects.toMatchObject({ reason: 'revoked' });
    } finally {
      await directory.close();
    }
  });
});
