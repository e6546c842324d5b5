/**
 * Scenario 6, many writers: W writers on one document, each editing its own shot 10 times a second; each
 * edit must reach the W - 1 others.
 */
import { readProc } from '../proc';
import type { RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';
import { summarizeLatencies } from '../stats';
import { openLight } from './util';

async function runWriters(ctx: RunContext, writers: number, durationMs: number) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'writers');
  assertOk(address, 'no document address');
  const slices = pool.split(Array.from({ length: writers }, () => address));
  await openLight(
    pool,
    'writers',
    slices.flatMap((s) => s.items),
    { firstWriterId: 1 },
  );
  const loop = (ms: number, seqStart: number) =>
    Promise.all(
      slices.map((s) =>
        s.worker.call('writeLoop', { group: 'writers', ratePerWriter: 10, durationMs: ms, seqStart }),
      ),
    );
  try {
    // Each writer's first edit creates its shot; measuring starts once every row exists.
    await pool.resetAll();
    const warm = await loop(500, 0);
    await pool.settle(warm.reduce((n, p) => n + p.edits, 0) * (writers - 1), 5_000);
    await pool.resetAll(100_000);
    const before = readProc(target.pid);
    const parts = await loop(durationMs, 100_000);
    const edits = parts.reduce((n, p) => n + p.edits, 0);
    const expected = edits * (writers - 1);
    await pool.settle(expected, 5_000);
    const after = readProc(target.pid);
    const { latencies, deliveries, doubled } = await pool.collectAll();
    const lat = summarizeLatencies(latencies);
    const cpu = after.cpuSeconds - before.cpuSeconds;
    return {
      p50: lat.p50,
      p99: lat.p99,
      max: lat.max,
      lost: expected - deliveries,
      doubled,
      cpuSeconds: cpu,
      cpuPer1000: deliveries > 0 ? (cpu / deliveries) * 1000 : Number.NaN,
    };
  } finally {
    await pool.closeGroup('writers');
  }
}

export const manyWriters: Scenario = {
  id: 'writers',
  title: 'Many writers, 10 edits/s each',
  metrics: [
    { key: 'p50', label: 'p50 ms', decimals: 1 },
    { key: 'p99', label: 'p99 ms', decimals: 1, target: { max: 0.7 } },
    { key: 'max', label: 'max ms', decimals: 1 },
    { key: 'lost', label: 'not delivered 5 s after the last edit', decimals: 0, absolute: { max: 0 } },
    { key: 'doubled', label: 'doubled', decimals: 0, absolute: { max: 0 } },
    { key: 'cpuSeconds', label: 'server CPU s', decimals: 2 },
  ],
  variants(quick) {
    const n = quick ? 20 : 50;
    return [{ label: `${n} writers`, run: (ctx) => runWriters(ctx, n, quick ? 1_500 : 10_000) }];
  },
};
