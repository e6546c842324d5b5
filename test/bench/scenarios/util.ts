/**
 * Steps several scenarios share: opening light clients spread over the workers, seeding a document.
 */
import type { LightAddress } from '../client-worker';
import type { ClientPool } from '../clients';
import { readProc } from '../proc';
import { shotListUpdates } from '../shots';

/** Opens one light client per address, spread over the light workers; writer ids are `firstWriterId + i`. */
export async function openLight(
  pool: ClientPool,
  group: string,
  addresses: LightAddress[],
  options: { firstWriterId?: number; scanState?: boolean; timeoutMs?: number } = {},
): Promise<{ syncMs: number[]; bytes: number[] }> {
  const parts = await Promise.all(
    pool.split(addresses).map((s) =>
      s.worker.call('lightOpen', {
        group,
        addresses: s.items,
        ...(options.firstWriterId !== undefined
          ? { writerIds: s.items.map((_, i) => options.firstWriterId! + s.offset + i) }
          : {}),
        scanState: options.scanState ?? false,
        concurrency: 25,
        timeoutMs: options.timeoutMs ?? 30_000,
      }),
    ),
  );
  return { syncMs: parts.flatMap((p) => p.syncMs), bytes: parts.flatMap((p) => p.bytes) };
}

const seeds = new Map<string, Uint8Array[]>();

/** The updates of an `n`-shot list, generated once per size (10,000 shots take about a second). */
export function seedUpdates(n: number): Uint8Array[] {
  let updates = seeds.get(String(n));
  if (!updates) {
    updates = shotListUpdates('seed', n, 500, 424_242);
    seeds.set(String(n), updates);
  }
  return updates;
}

/**
 * Writes an `n`-shot list into a document through a light client that stays connected (Hocuspocus with no
 * persistence discards a document its last client leaves), and returns once a provider holds every shot.
 * Close the `seed` group when done.
 */
export async function seedDocument(pool: ClientPool, address: LightAddress, n: number): Promise<void> {
  const worker = pool.light[0]!;
  await worker.call('lightOpen', {
    group: 'seed',
    addresses: [address],
    scanState: false,
    concurrency: 1,
    timeoutMs: 30_000,
  });
  await pool.full.call('fullOpen', { id: 'seed-witness', address, timeoutMs: 30_000 });
  try {
    await worker.call('sendAll', { group: 'seed', updates: seedUpdates(n) });
    const complete = await pool.full.call('fullWaitShots', {
      id: 'seed-witness',
      count: n,
      timeoutMs: 60_000,
    });
    if (!complete) throw new Error(`the server did not hold all ${n} seeded shots within 60 s`);
  } finally {
    await pool.full.call('fullDestroy', { id: 'seed-witness' });
  }
}

/** Polls RSS until three readings 250 ms apart agree within 1%, or `capMs` passed; returns the last. */
export async function settledRss(pid: number, minMs: number, capMs: number): Promise<number> {
  const started = performance.now();
  const readings: number[] = [];
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    readings.push(readProc(pid).rssBytes);
    const last = readings.slice(-3);
    const stable = last.length === 3 && Math.max(...last) - Math.min(...last) <= 0.01 * Math.max(...last);
    const elapsed = performance.now() - started;
    if ((stable && elapsed >= minMs) || elapsed >= capMs) return readings.at(-1)!;
  }
}
