/**
 * Scenario 1, fan-out: one writer edits a shot field every 50 ms; N clients on the same document receive
 * each edit. Two of the N are full providers that must end equal to the writer. The rest are either light
 * receivers (raw sockets, no awareness: the server's relay cost alone) or stock providers with a user in
 * awareness, renewed every 15 s as on every tablet (what a production actually runs). Receivers live in the
 * pool's worker threads; the benchmark process's CPU over the phase is reported so a reader can tell whether
 * the clients, not the server, were the bottleneck.
 */
import { summarizeLatencies } from '../stats';
import { readProc } from '../proc';
import type { Metrics, RunContext, Scenario, Variant } from '../scenario';
import { assertOk } from '../scenario';

const FULL_RECEIVERS = 2;

export type Receivers = 'light' | 'stock';

export async function runFanout(
  ctx: RunContext,
  clients: number,
  ratePerSecond: number,
  durationMs: number,
  receivers: Receivers = 'light',
) {
  const { pool, target } = ctx;
  const [address] = await target.documents(1, 'fanout');
  assertOk(address, 'no document address');
  const presence = receivers === 'stock';
  await pool.full.call('fullOpen', {
    id: 'writer',
    address,
    timeoutMs: 20_000,
    ...(presence ? { presence: 'Writer' } : {}),
  });
  // The writer's shot exists before measuring, so every measured edit is the same small field change.
  await pool.full.call('fullWriteLoop', {
    id: 'writer',
    writerId: 1,
    rate: 1000,
    durationMs: 1,
    seqStart: 0,
  });
  const fullIds = Array.from({ length: Math.min(FULL_RECEIVERS, clients) }, (_, i) => `check-${i}`);
  for (const id of fullIds) {
    await pool.full.call('fullOpen', {
      id,
      address,
      timeoutMs: 20_000,
      ...(presence ? { presence: id } : {}),
    });
  }
  const light = Array.from({ length: clients - fullIds.length }, () => address);
  await Promise.all(
    pool.split(light).map((s) =>
      receivers === 'stock'
        ? s.worker.call('stockOpen', {
            group: 'fanout',
            addresses: s.items,
            presence: true,
            concurrency: 25,
            timeoutMs: 60_000,
          })
        : s.worker.call('lightOpen', {
            group: 'fanout',
            addresses: s.items,
            scanState: false,
            concurrency: 25,
            timeoutMs: 30_000,
          }),
    ),
  );
  try {
    await pool.resetAll(1_000);
    const before = readProc(target.pid);
    const clientsBefore = process.cpuUsage();
    const { edits } = await pool.full.call('fullWriteLoop', {
      id: 'writer',
      writerId: 1,
      rate: ratePerSecond,
      durationMs,
      seqStart: 1_000,
    });
    const expected = edits * light.length;
    await pool.settle(expected, 5_000);
    const after = readProc(target.pid);
    const clientCpu = process.cpuUsage(clientsBefore);
    let reconnects = 0;
    if (receivers === 'stock') {
      const closes = await Promise.all(pool.light.map((w) => w.call('stockCloses', { group: 'fanout' })));
      for (const byCode of closes) {
        for (const [code, n] of Object.entries(byCode)) {
          reconnects += n;
          console.warn(`fanout: stock receivers lost ${n} connection(s) with close code ${code}`);
        }
      }
    }
    const { latencies, deliveries, doubled } = await pool.collectAll();
    const lat = summarizeLatencies(latencies);
    const writerState = await pool.full.call('fullSummary', { id: 'writer' });
    let converged = 1;
    for (const id of fullIds) {
      const ok = await pool.full.call('fullWaitShots', { id, count: writerState.shots, timeoutMs: 5_000 });
      const state = await pool.full.call('fullSummary', { id });
      if (!ok || state.hash !== writerState.hash) converged = 0;
    }
    const cpu = after.cpuSeconds - before.cpuSeconds;
    return {
      p50: lat.p50,
      p95: lat.p95,
      p99: lat.p99,
      max: lat.max,
      expected,
      delivered: deliveries,
      lost: expected - deliveries,
      doubled,
      cpuSeconds: cpu,
      systemShare: cpu > 0 ? (after.systemSeconds - before.systemSeconds) / cpu : Number.NaN,
      cpuPer1000: deliveries > 0 ? (cpu / deliveries) * 1000 : Number.NaN,
      deliveriesPerSecond: deliveries / ((after.at - before.at) / 1000),
      // Worker threads share the benchmark's process, so its CPU is all the clients' work (the main thread
      // only waits); in cores, so 2.0 on a 2-core machine would mean the clients starved the server.
      reconnects,
      clientCores: (clientCpu.user + clientCpu.system) / 1e6 / ((after.at - before.at) / 1000),
      converged,
    } satisfies Metrics;
  } finally {
    await pool.closeGroup('fanout');
    for (const id of ['writer', ...fullIds]) await pool.full.call('fullDestroy', { id });
  }
}

/** Issue 17's targets: ours / reference at most 0.7x p99 and 0.6x CPU per delivery in these variants. */
const TARGETED = ['500 clients', '100 stock providers', '500 stock providers'];

export const fanout: Scenario = {
  id: 'fanout',
  title: 'Fan-out: one writer, an edit every 50 ms',
  metrics: [
    { key: 'p50', label: 'p50 ms', decimals: 1 },
    { key: 'p99', label: 'p99 ms', decimals: 1, target: { max: 0.7, variant: TARGETED } },
    { key: 'max', label: 'max ms', decimals: 1 },
    { key: 'lost', label: 'not delivered 5 s after the last edit', decimals: 0, absolute: { max: 0 } },
    { key: 'doubled', label: 'doubled', decimals: 0, absolute: { max: 0 } },
    { key: 'reconnects', label: 'receivers that lost their connection', decimals: 0, absolute: { max: 0 } },
    {
      key: 'cpuPer1000',
      label: 'CPU s / 1k deliveries',
      decimals: 4,
      target: { max: 0.6, variant: TARGETED },
    },
    { key: 'systemShare', label: 'kernel share of CPU', decimals: 2 },
    { key: 'clientCores', label: "clients' CPU, cores busy", decimals: 2 },
    { key: 'converged', label: 'full clients equal', decimals: 0 },
  ],
  variants(quick) {
    const sizes = quick ? [10, 100] : [10, 100, 500];
    const stockSizes = quick ? [20] : [100, 500];
    const durationMs = quick ? 2_000 : 10_000;
    const stockDurationMs = quick ? 2_000 : 20_000;
    return [
      ...sizes.map((n): Variant => ({
        label: `${n} clients`,
        run: (ctx) => runFanout(ctx, n, 20, ctx.durationMs ?? durationMs),
      })),
      ...stockSizes.map((n): Variant => ({
        label: `${n} stock providers`,
        // 20 s: every provider renews its presence once in the phase (every 15 s), as on a real set.
        run: (ctx) => runFanout(ctx, n, 20, ctx.durationMs ?? stockDurationMs, 'stock'),
      })),
    ];
  },
};
