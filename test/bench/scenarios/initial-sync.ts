/**
 * Scenario 3, initial sync: a fresh client joins a document holding a 10,000-shot list. The first client
 * after the list was written (no encoded state can be cached yet) and later ones are timed apart. A full provider checks at the end that every shot arrives.
 */
import { readProc } from '../proc';
import type { RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';
import { spread } from '../stats';
import { openLight, seedDocument } from './util';

async function runInitialSync(ctx: RunContext, shots: number, later: number) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'initial');
  assertOk(address, 'no document address');
  try {
    await seedDocument(pool, address, shots);
    let before = readProc(target.pid);
    const first = await openLight(pool, 'initial', [address], { timeoutMs: 60_000 });
    let after = readProc(target.pid);
    const firstCpu = after.cpuSeconds - before.cpuSeconds;
    const laterMs: number[] = [];
    const laterCpu: number[] = [];
    const laterBytes: number[] = [];
    for (let i = 0; i < later; i++) {
      before = readProc(target.pid);
      const r = await openLight(pool, 'initial', [address], { timeoutMs: 60_000 });
      after = readProc(target.pid);
      laterMs.push(r.syncMs[0]!);
      laterBytes.push(r.bytes[0]!);
      laterCpu.push(after.cpuSeconds - before.cpuSeconds);
    }
    await pool.full.call('fullOpen', { id: 'reader', address, timeoutMs: 60_000 });
    const complete = await pool.full.call('fullWaitShots', { id: 'reader', count: shots, timeoutMs: 30_000 });
    return {
      firstSyncMs: first.syncMs[0]!,
      firstBytes: first.bytes[0]!,
      firstCpuMs: firstCpu * 1000,
      laterSyncMs: spread(laterMs).median,
      laterBytes: spread(laterBytes).median,
      laterCpuMs: spread(laterCpu).median * 1000,
      complete: complete ? 1 : 0,
    };
  } finally {
    await pool.closeGroup('initial');
    await pool.closeGroup('seed');
    await pool.full.call('fullDestroy', { id: 'reader' });
  }
}

export const initialSync: Scenario = {
  id: 'initial-sync',
  title: 'Initial sync of a shot list',
  metrics: [
    // Issue 17: the first client of a large document costs no more than the reference's.
    { key: 'firstSyncMs', label: 'first client: ms to synced', decimals: 0, target: { max: 1.0 } },
    { key: 'firstCpuMs', label: 'first client: server CPU ms', decimals: 0, target: { max: 1.0 } },
    { key: 'laterSyncMs', label: 'later clients: ms to synced', decimals: 0, target: { max: 0.9 } },
    { key: 'laterCpuMs', label: 'later clients: server CPU ms', decimals: 0, target: { max: 0.3 } },
    { key: 'laterBytes', label: 'bytes sent per sync', decimals: 0 },
    { key: 'complete', label: 'provider got every shot', decimals: 0, absolute: { min: 1 } },
  ],
  variants(quick) {
    const shots = quick ? 2_000 : 10_000;
    return [
      {
        label: `${shots.toLocaleString('en')} shots`,
        run: (ctx) => runInitialSync(ctx, shots, quick ? 3 : 10),
      },
    ];
  },
};
