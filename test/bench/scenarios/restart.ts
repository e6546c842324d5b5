/**
 * Scenario 5, restart: a provider edits a document, the server restarts (SIGTERM, then a fresh process on
 * the same port and data), and a new provider connects. Is the state there at its first "synced" event?
 */
import type { RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';

const SHOTS = 50;

async function runRestart(ctx: RunContext) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'restart');
  assertOk(address, 'no document address');
  try {
    await pool.full.call('fullOpen', { id: 'editor', address, timeoutMs: 20_000 });
    await pool.full.call('fullAddShots', { id: 'editor', prefix: 'r', count: SHOTS });
    // A second provider seeing the shots means the server applied them before it is asked to stop.
    await pool.full.call('fullOpen', { id: 'witness', address, timeoutMs: 20_000 });
    const seen = await pool.full.call('fullWaitShots', { id: 'witness', count: SHOTS, timeoutMs: 10_000 });
    assertOk(seen, 'the witness never saw the edits before the restart');
    await pool.full.call('fullDestroy', { id: 'editor' });
    await pool.full.call('fullDestroy', { id: 'witness' });
    const t0 = performance.now();
    await target.restart();
    const restartMs = performance.now() - t0;
    const { shotsAtFirstSync, syncMs } = await pool.full.call('fullOpen', {
      id: 'after',
      address,
      timeoutMs: 20_000,
    });
    return { present: shotsAtFirstSync === SHOTS ? 1 : 0, shotsAtFirstSync, restartMs, syncMs };
  } finally {
    for (const id of ['editor', 'witness', 'after']) await pool.full.call('fullDestroy', { id });
  }
}

export const restart: Scenario = {
  id: 'restart',
  title: 'Restart: state at the first synced event',
  metrics: [
    { key: 'present', label: 'state present at first synced', decimals: 0, absolute: { min: 1 } },
    { key: 'shotsAtFirstSync', label: `shots at first synced (of ${SHOTS})`, decimals: 0 },
    { key: 'restartMs', label: 'ms to stop and start again', decimals: 0 },
  ],
  variants: () => [{ label: `${SHOTS} shots`, run: runRestart }],
};
