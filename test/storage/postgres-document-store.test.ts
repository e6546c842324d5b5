import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresDocumentStore } from '../../server/storage/postgres-document-store';
import { expectUpgradedFromVersion1, registerDocumentStoreContract } from './contract';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from './pg-schema';

const schema = uniqueSchema('docstore_test');
afterAll(() => dropSchema(schema));

const open = () => PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema });

registerDocumentStoreContract('PostgreSQL', open);

describe('PostgresDocumentStore', () => {
  it('gives concurrent appends to one document distinct, gap-free seqs', async () => {
    const [a, b] = [await open(), await open()];
    try {
      const docName = `${uniqueSchema('race')}/shotlist`;
      const batches = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).append([
          { docName, update: new Uint8Array([i]) },
          { docName, update: new Uint8Array([i, i]) },
        ]),
      );
      const seqs = (await Promise.all(batches)).flat().sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await a.load(docName)).seq).toBe(40);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('records its migrations and runs them once when two servers start together', async () => {
    const other = uniqueSchema('docstore_migrate');
    try {
      const stores = await Promise.all([
        PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema: other }),
        PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema: other }),
      ]);
      await Promise.all(stores.map((store) => store.close()));
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT component, version FROM "${other}".schema_migrations`);
        expect(rows).toEqual([
          { component: 'document_store', version: 1 },
          { component: 'document_store', version: 2 },
          { component: 'document_store', version: 3 },
        ]);
      } finally {
        await client.end();
      }
    } finally {
      await dropSchema(other);
    }
  });

  it('upgrades a version 1 schema: its documents load and compactions are fenced from then on', async () => {
    const old = uniqueSchema('docstore_v1');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // The schema as version 1 shipped it, with a compacted document in it.
      await client.query(`
        CREATE SCHEMA "${old}";
        CREATE TABLE "${old}".schema_migrations (
          component text NOT NULL, version integer NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version));
        INSERT INTO "${old}".schema_migrations (component, version) VALUES ('document_store', 1);
        CREATE TABLE "${old}".documents (doc_name text PRIMARY KEY, last_seq bigint NOT NULL);
        CREATE TABLE "${old}".snapshots (doc_name text PRIMARY KEY, state bytea NOT NULL, seq bigint NOT NULL);
        CREATE TABLE "${old}".updates (
          doc_name text NOT NULL, seq bigint NOT NULL, data bytea NOT NULL, PRIMARY KEY (doc_name, seq));
        INSERT INTO "${old}".documents VALUES ('p/shotlist', 2);
        INSERT INTO "${old}".snapshots VALUES ('p/shotlist', '\\x0a', 1);
        INSERT INTO "${old}".updates VALUES ('p/shotlist', 2, '\\x0b');`);
      const store = await PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema: old });
      try {
        await expectUpgradedFromVersion1(store);
      } finally {
        await store.close();
      }
      const { rows } = await client.query(`SELECT MAX(version) AS version FROM "${old}".schema_migrations`);
      expect(rows).toEqual([{ version: 3 }]);
    } finally {
      await client.end();
      await dropSchema(old);
    }
  });

  it('refuses a schema name that would need escaping', async () => {
    await expect(
      PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP' }),
    ).rejects.toThrow(/must match/);
  });
});
