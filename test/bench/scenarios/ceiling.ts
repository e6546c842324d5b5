/**
 * Scenario 7, ceiling: one writer on a 100-client document raises its rate step by step until the p99
 * delivery latency passes 50 ms (or deliveries go missing); the figure is the highest delivery rate reached
 * within the bound.
 */
import { readProc } from '../proc';
import type { RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';
import { summarizeLatencies } from '../stats';
import { openLight } from './util';

const P99_BOUND_MS = 50;

async function runCeiling(ctx: RunContext, clients: number, stepMs: number, maxRate: number) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'ceiling');
  assertOk(address, 'no document address');
  await pool.full.call('fullOpen', { id: 'writer', address, timeoutMs: 20_000 });
  await pool.full.call('fullWriteLoop', {
    id: 'writer',
    writerId: 1,
    rate: 1000,
    durationMs: 1,
    seqStart: 0,
  });
  await openLight(
    pool,
    'ceiling',
    Array.from({ length: clients }, () => address),
  );
  let best = 0;
  let bestRate = 0;
  let bestCpuPer1000 = Number.NaN;
  let steps = 0;
  try {
    let retried = false;
    for (let rate = 20; rate <= maxRate;) {
      steps++;
      const seqStart = steps * 100_000;
      await pool.resetAll(seqStart);
      const before = readProc(target.pid);
      const { edits } = await pool.full.call('fullWriteLoop', {
        id: 'writer',
        writerId: 1,
        rate,
        durationMs: stepMs,
        seqStart,
      });
      const expected = edits * clients;
      await pool.settle(expected, 3_000);
      const after = readProc(target.pid);
      const { latencies, deliveries } = await pool.collectAll();
      const { p99 } = summarizeLatencies(latencies);
      if (p99 > P99_BOUND_MS || deliveries < expected) {
        // One stall on a shared machine (a GC pause in a client, another process) should not end the climb:
        // a step fails only when it fails twice in a row.
        if (retried) break;
        retried = true;
        continue;
      }
      retried = false;
      const perSecond = deliveries / (stepMs / 1000);
      if (perSecond > best) {
        best = perSecond;
        bestRate = rate;
        bestCpuPer1000 = ((after.cpuSeconds - before.cpuSeconds) / deliveries) * 1000;
      }
      rate = Math.round(rate * 1.5);
    }
    // 1 when the climb ended at the writer's highest rate, not at the bound: the server's ceiling is higher.
    const capped = bestRate > 0 && Math.round(bestRate * 1.5) > maxRate ? 1 : 0;
    return { deliveriesPerSecond: best, editsPerSecond: bestRate, cpuPer1000: bestCpuPer1000, steps, capped };
  } finally {
    await pool.closeGroup('ceiling');
    await pool.full.call('fullDestroy', { id: 'writer' });
  }
}

export const ceiling: Scenario = {
  id: 'ceiling',
  title: `Ceiling: rate until p99 > ${P99_BOUND_MS} ms`,
  metrics: [
    { key: 'deliveriesPerSecond', label: 'deliveries/s within bound', decimals: 0, target: { min: 2.5 } },
    { key: 'editsPerSecond', label: 'writer edits/s at that point', decimals: 0 },
    { key: 'cpuPer1000', label: 'CPU s / 1k deliveries there', decimals: 4 },
    { key: 'capped', label: 'stopped at the highest rate tried (1 = ceiling not reached)', decimals: 0 },
  ],
  variants(quick) {
    return [{ label: '100 clients', run: (ctx) => runCeiling(ctx, 100, quick ? 700 : 2_000, 20_000) }];
  },
};
