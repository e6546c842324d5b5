import type { Pool, PoolClient } from 'pg';

/** Runs `fn` inside BEGIN/COMMIT on one pooled connection, rolling back on any error. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than pool it.
  let broken: Error | undefined;
  // The pool stops listening to a client it lent out; a connection that drops between two of our queries
  // (a database restart, a network cut) would otherwise emit an 'error' nobody handles and end the process.
  // The next query fails on its own, so remembering the error is enough.
  const onError = (error: Error) => (broken ??= error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
