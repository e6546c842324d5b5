/**
 * Scenario 4, reconnect storm: N clients on one document drop at once (no close handshake), each makes an
 * edit while offline (a new shot), and all come back within a second. Converged when every client holds
 * every offline edit; a fresh provider then checks that the server kept all of them.
 */
import { readProc } from '../proc';
import type { RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';
import { now } from '../shots';
import { openLight, seedDocument } from './util';

const SEED_SHOTS = 100;

async function runStorm(ctx: RunContext, clients: number) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'storm');
  assertOk(address, 'no document address');
  const slices = pool.split(Array.from({ length: clients }, () => address));
  try {
    await seedDocument(pool, address, SEED_SHOTS);
    await openLight(
      pool,
      'storm',
      slices.flatMap((s) => s.items),
      { firstWriterId: 1, scanState: true },
    );
    await pool.resetAll();
    await Promise.all(slices.map((s) => s.worker.call('drop', { group: 'storm' })));
    const dropped = now();
    const before = readProc(target.pid);
    await Promise.all(
      slices.map((s) =>
        s.worker.call('reconnect', { group: 'storm', spreadMs: 1_000, seq: 1, timeoutMs: 30_000 }),
      ),
    );
    const seen = await Promise.all(
      slices.map((s) => s.worker.call('waitSeen', { group: 'storm', count: clients, timeoutMs: 30_000 })),
    );
    const after = readProc(target.pid);
    const convergedAt = Math.max(...seen.map((s) => s.at));
    await pool.full.call('fullOpen', { id: 'auditor', address, timeoutMs: 30_000 });
    await pool.full.call('fullWaitShots', { id: 'auditor', count: SEED_SHOTS + clients, timeoutMs: 10_000 });
    // Offline shots are named w<writer>s1-…; count exactly those, whatever else the document holds.
    const { matching } = await pool.full.call('fullSummary', { id: 'auditor', prefix: 'w' });
    return {
      convergeMs: convergedAt - dropped,
      behind: seen.reduce((n, s) => n + s.behind, 0),
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      survived: matching,
      lostEdits: clients - matching,
    };
  } finally {
    await pool.closeGroup('storm');
    await pool.closeGroup('seed');
    await pool.full.call('fullDestroy', { id: 'auditor' });
  }
}

export const storm: Scenario = {
  id: 'storm',
  title: 'Reconnect storm with offline edits',
  metrics: [
    { key: 'convergeMs', label: 'ms from drop to all converged', decimals: 0, target: { max: 0.8 } },
    { key: 'cpuSeconds', label: 'server CPU s', decimals: 2, target: { max: 0.5 } },
    { key: 'behind', label: 'clients not converged', decimals: 0, absolute: { max: 0 } },
    { key: 'lostEdits', label: 'offline edits lost', decimals: 0, absolute: { max: 0 } },
  ],
  variants(quick) {
    const n = quick ? 50 : 200;
    return [{ label: `${n} clients`, run: (ctx) => runStorm(ctx, n) }];
  },
};
