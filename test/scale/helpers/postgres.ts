/** PostgreSQL for tests: the machine's database, one throwaway schema per test, dropped afterwards. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const MACHINE_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueSchema(): string {
  return `setboard_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export async function dropSchema(schema: string, url = MACHINE_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

export function databaseUrlVia(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/test`;
}
