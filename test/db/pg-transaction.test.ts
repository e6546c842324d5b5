/**
 * withTransaction on the machine's PostgreSQL: a connection that drops between two queries of a transaction
 * fails that transaction and nothing else (before, the lent-out client's 'error' had no listener and ended
 * the process: an instance died whenever the database restarted mid-transaction).
 */
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openPool } from '../../server/db/pg-connection';
import { withTransaction } from '../../server/db/pg-transaction';
import { MACHINE_DATABASE_URL } from '../scale/helpers/postgres';

describe('withTransaction', () => {
  it('rejects when its connection drops between queries, and the pool goes on with a fresh one', async () => {
    const pool = openPool(MACHINE_DATABASE_URL);
    pool.on('error', () => {});
    onTestFinished(() => pool.end());
    const admin = new pg.Client({ connectionString: MACHINE_DATABASE_URL });
    await admin.connect();
    onTestFinished(() => admin.end());

    const outcome = withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise((resolve) => client.once('end', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // No query is active while the connection ends: the moment an unhandled 'error' used to escape.
      await ended;
      await client.query('SELECT 1');
    });

    await expect(outcome).rejects.toThrow();
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]!.one).toBe(1);
  });
});
