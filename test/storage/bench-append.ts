/**
 * Append latency of both document stores, for the report (not a test: no timing assertions anywhere).
 *   node --import tsx test/storage/bench-append.ts [sqlite|postgres]...
 * 10,000 single-update appends one after another, then the same 10,000 updates as batches of 50 spread over
 * 10 documents (what the sync engine's group commit sends under load). Updates are 120 bytes, about the
 * size of a typed cell edit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppendEntry, DocumentStore } from '../../server/storage/document-store';
import { SqliteDocumentStore } from '../../server/storage/sqlite-document-store';
import { PostgresDocumentStore } from '../../server/storage/postgres-document-store';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from './pg-schema';

const TOTAL = 10_000;
const BATCH = 50;
const DOCS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeEach(count: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), elapsed };
}

async function bench(name: string, store: DocumentStore): Promise<void> {
  const update = randomBytes(120);
  const run = randomBytes(4).toString('hex');
  const single = await timeEach(TOTAL, () => store.append([{ docName: `${run}/single`, update }]));
  const batched = await timeEach(TOTAL / BATCH, (b) =>
    store.append(
      Array.from({ length: BATCH }, (_, i): AppendEntry => ({
        docName: `${run}/batch-${(b + i) % DOCS}`,
        update,
      })),
    ),
  );
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  const rate = (elapsed: number) => `${Math.round(TOTAL / (elapsed / 1000))} updates/s`;
  console.log(`${name} single: p50 ${ms(single.p50)}, p99 ${ms(single.p99)}, ${rate(single.elapsed)}`);
  console.log(
    `${name} batch of ${BATCH}: p50 ${ms(batched.p50)}, p99 ${ms(batched.p99)} per batch, ${rate(batched.elapsed)}`,
  );
}

const which = process.argv.slice(2);
const wanted = (name: string) => which.length === 0 || which.includes(name);

if (wanted('sqlite')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-bench-'));
  const store = new SqliteDocumentStore({ dataDir: dir });
  try {
    await bench('SQLite', store);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (wanted('postgres')) {
  const schema = uniqueSchema('bench');
  const store = await PostgresDocumentStore.open({ connectionString: TEST_DATABASE_URL, schema });
  try {
    await bench('PostgreSQL', store);
  } finally {
    await store.close();
    await dropSchema(schema);
  }
}
