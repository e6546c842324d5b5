/**
 * Cross-instance delivery latency: one writer, 100 stock y-websocket readers, first all on one instance, then
 * split over three, same PostgreSQL and Redis, same run. Latency is writer push -> reader observe, one clock.
 *
 *   node --import tsx test/scale/latency.ts [--updates 300] [--readers 100] [--rate 20]
 *
 * Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (user postgres, database test).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
  connectBoard,
  createProduction,
  spawnServer,
  stopSpawned,
  tempDataDir,
  whenSynced,
  type SpawnedServer,
} from '../helpers/test-server';
import { deleteKeys, MACHINE_REDIS_URL, uniquePrefix } from './helpers/redis';
import { MACHINE_DATABASE_URL } from './helpers/postgres';

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '300' },
    readers: { type: 'string', default: '100' },
    rate: { type: 'string', default: '20' },
  },
});
const UPDATES = Number(values.updates);
const READERS = Number(values.readers);
const RATE = Number(values.rate);
/** The first updates pay for JIT and connection warm-up in every process; they are not what we measure. */
const WARMUP = Math.min(20, Math.floor(UPDATES / 5));

interface Sample {
  latencyMs: number;
  crossInstance: boolean;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: MACHINE_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

async function measure(instanceCount: number): Promise<Sample[]> {
  const database = `setboard_latency_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const prefix = uniquePrefix();
  await admin(`CREATE DATABASE ${database}`);
  const instances: SpawnedServer[] = [];
  const providers: WebsocketProvider[] = [];
  try {
    const env = {
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
      REDIS_URL: MACHINE_REDIS_URL,
      SETBOARD_REDIS_PREFIX: prefix,
      SETBOARD_MAX_UPDATES_PER_SECOND: '1000',
      // The stock provider echoes every awareness change it receives back to the server, so in a room of 100
      // each renewal round makes every reader send ~99 frames at once; under the default limits they would be
      // throttled, which this latency measurement must not include.
      SETBOARD_MAX_AWARENESS_PER_SECOND: '10000',
    };
    for (let i = 0; i < instanceCount; i++) {
      instances.push(await spawnServer(tempDataDir('setboard-latency-'), env));
    }
    const { productionId, ownerToken } = await createProduction(instances[0]!.origin);
    const samples: Sample[] = [];
    let received = 0;
    const perReader: number[] = [];
    const closes: Record<string, number> = {};
    for (let r = 0; r < READERS; r++) {
      const instance = r % instanceCount;
      const { doc, provider } = connectBoard(
        instances[instance]!.wsOrigin,
        productionId,
        'schedule',
        ownerToken,
      );
      providers.push(provider);
      perReader.push(0);
      provider.on('connection-close', (event: CloseEvent | null) => {
        const code = String(event?.code ?? 'none');
        closes[code] = (closes[code] ?? 0) + 1;
      });
      doc.getArray<string>('latency').observe((event) => {
        const now = performance.now() + performance.timeOrigin;
        for (const delta of event.changes.delta) {
          for (const item of (delta.insert as string[] | undefined) ?? []) {
            const [seq, sentAt] = item.split(':').map(Number);
            received++;
            perReader[r]!++;
            if (seq! >= WARMUP) samples.push({ latencyMs: now - sentAt!, crossInstance: instance !== 0 });
          }
        }
      });
      await whenSynced(provider, 30_000);
    }
    const writer = connectBoard(instances[0]!.wsOrigin, productionId, 'schedule', ownerToken, new Y.Doc());
    providers.push(writer.provider);
    await whenSynced(writer.provider, 30_000);
    const array = writer.doc.getArray<string>('latency');
    for (let seq = 0; seq < UPDATES; seq++) {
      array.push([`${seq}:${performance.now() + performance.timeOrigin}`]);
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    const deadline = Date.now() + 30_000;
    while (received < UPDATES * READERS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (received < UPDATES * READERS) {
      console.error(
        `[${instanceCount} instance(s)] only ${received} of ${UPDATES * READERS} deliveries arrived; ` +
          `readers short: ${perReader.filter((count) => count < UPDATES).length}, ` +
          `deliveries per short reader: ${JSON.stringify(perReader.filter((count) => count < UPDATES).slice(0, 15))}, ` +
          `closes by code: ${JSON.stringify(closes)}`,
      );
    }
    return samples;
  } finally {
    for (const provider of providers) provider.destroy();
    for (const instance of instances) await stopSpawned(instance, 'SIGKILL');
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await deleteKeys(MACHINE_REDIS_URL, prefix);
  }
}

const single = await measure(1);
const three = await measure(3);
const result = {
  readers: READERS,
  updates: UPDATES,
  warmupExcluded: WARMUP,
  ratePerSecond: RATE,
  singleInstance: summary(single.map((s) => s.latencyMs)),
  threeInstances: {
    all: summary(three.map((s) => s.latencyMs)),
    sameInstanceAsWriter: summary(three.filter((s) => !s.crossInstance).map((s) => s.latencyMs)),
    crossInstance: summary(three.filter((s) => s.crossInstance).map((s) => s.latencyMs)),
  },
};
console.log(JSON.stringify(result, null, 2));
