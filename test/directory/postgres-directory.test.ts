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
