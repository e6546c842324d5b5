import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresDirectory } from '../../server/directory/postgres-directory';
import { hashSecret } from '../../server/directory/secrets';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../storage/pg-schema';
import { registerDirectoryContract } from './contract';

const schema = uniqueSchema('directory_test');
afterAll(() => dropSchema(schema));

registerDirectoryContract('PostgreSQL', (options) =>
  PostgresDirectory.open({ ...options, connectionString: TEST_DATABASE_URL, schema }),
);

describe('PostgresDirectory', () => {
  it('stores only hashes of tokens and invite codes', async () => {
    const directory = await PostgresDirectory.open({ connectionString: TEST_DATABASE_URL, schema });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { production, member, token } = await directory.createProduction({
        name: 'Docs',
        ownerName: 'Pat',
      });
      const { code } = await directory.createInvite(production.id, 'crew');
      const tokens = await client.query(`SELECT token_hash FROM "${schema}".tokens WHERE member_id = $1`, [
        member.id,
      ]);
      const invites = await client.query(
        `SELECT code_hash FROM "${schema}".invites WHERE production_id = $1`,
        [production.id],
      );
      expect(tokens.rows).toHaveLength(1);
      expect(tokens.rows[0].token_hash).toBe(hashSecret(token));
      expect(invites.rows).toEqual([{ code_hash: hashSecret(code) }]);
    } finally {
      await client.end();
      await directory.close();
    }
  });
});

describe('PostgresDirectory upgrade from version 1', () => {
  const old = uniqueSchema('directory_v1');
  afterAll(() => dropSchema(old));

  it('keeps a shared invite issued before invites had uses working, listed as a multi-use link', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // The version-1 schema as it shipped, with one production, its owner and a shared invite.
      await client.query(`
        CREATE SCHEMA "${old}";
        CREATE TABLE "${old}".schema_migrations (component text NOT NULL, version integer NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
        INSERT INTO "${old}".schema_migrations (component, version) VALUES ('directory', 1);
        CREATE TABLE "${old}".productions (id text PRIMARY KEY, name text NOT NULL, permissions jsonb NOT NULL,
          created_at timestamptz NOT NULL, position bigint GENERATED ALWAYS AS IDENTITY);
        CREATE TABLE "${old}".members (id text PRIMARY KEY, production_id text NOT NULL
          REFERENCES "${old}".productions (id) ON DELETE CASCADE, name text NOT NULL, role text NOT NULL,
          owner boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL, revoked_at timestamptz,
          position bigint GENERATED ALWAYS AS IDENTITY);
        CREATE TABLE "${old}".invites (code_hash text PRIMARY KEY, production_id text NOT NULL
          REFERENCES "${old}".productions (id) ON DELETE CASCADE, role text NOT NULL,
          created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
        CREATE TABLE "${old}".tokens (token_hash text PRIMARY KEY, member_id text NOT NULL
          REFERENCES "${old}".members (id) ON DELETE CASCADE, created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL);
        INSERT INTO "${old}".productions (id, name, permissions, created_at) VALUES ('p1', 'Old Film', '{}', now());
        INSERT INTO "${old}".members (id, production_id, name, role, owner, created_at)
          VALUES ('m1', 'p1', 'Pat', 'producer', true, now());
        INSERT INTO "${old}".invites VALUES ('${hashSecret('legacy-code')}', 'p1', 'crew', now(),
          now() + interval '1 day');
      `);
    } finally {
      await client.end();
    }

    const directory = await PostgresDirectory.open({ connectionString: TEST_DATABASE_URL, schema: old });
    try {
      expect(await directory.redeemInvite('legacy-code', 'Ari')).toMatchObject({ member: { role: 'crew' } });
      expect(await directory.redeemInvite('legacy-code', 'Bo')).toMatchObject({ member: { role: 'crew' } });
      const [legacy] = await directory.listInvites('p1');
      expect(legacy).toMatchObject({ role: 'crew', uses: 1000, usesLeft: 998 });
      expect(legacy!.usedBy.map((u) => u.name)).toEqual(['Ari', 'Bo']);
      expect(await directory.revokeInvite('p1', legacy!.id)).toBe(true);
      await expect(directory.redeemInvite('legacy-code', 'Cy')).rejects.toMatchObject({ reason: 'revoked' });
    } finally {
      await directory.close();
    }
  });
});
