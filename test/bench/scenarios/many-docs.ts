/**
 * Scenario 2, many documents: D documents of 20 shots with two clients each and edits at a fixed total rate.
 * Memory is read against the baseline before anyone came: with two clients per document, with a third (its
 * connection alone), and after everyone left. Each reading waits at least twelve seconds after the last client
 * action (past our default dormancy) and then for a stable RSS, so work a server defers (compaction, unloading, garbage collection) is
 * in the figure for every server alike.
 */
import { readProc } from '../proc';
import type { RunContext, Scenario } from '../scenario';
import { openLight, seedUpdates, settledRss } from './util';

const SHOTS_PER_DOC = 20;
/**
 * Past our default dormancy delay (10 s, SETBOARD_DORMANT_AFTER_MS) with a margin for the memory release that
 * follows it: documents nobody touched are then held as bytes, the state an idle set settles into, and the
 * edits are measured against that state. Every server waits alike.
 */
const SETTLE_MIN_MS = 12_000;
const SETTLE_CAP_MS = 20_000;
const TOTAL_EDITS_PER_SECOND = 100;

async function runManyDocs(ctx: RunContext, docs: number, editMs: number) {
  const { pool, target } = ctx;
  const addresses = await target.documents(docs, 'many');
  const baseline = await settledRss(target.pid, SETTLE_MIN_MS, SETTLE_CAP_MS);
  try {
    await openLight(pool, 'many-a', addresses, { firstWriterId: 1 });
    await Promise.all(
      pool.light.map((w) => w.call('sendAll', { group: 'many-a', updates: seedUpdates(SHOTS_PER_DOC) })),
    );
    await openLight(pool, 'many-b', addresses);
    const rssB = await settledRss(target.pid, SETTLE_MIN_MS, SETTLE_CAP_MS);
    // A third client per document costs only its connection: whatever a document builds lazily for a
    // joining client (an encoded state, say) was built for the second one.
    await openLight(pool, 'many-c', addresses);
    const rssC = await settledRss(target.pid, SETTLE_MIN_MS, SETTLE_CAP_MS);
    await pool.closeGroup('many-c');
    const before = readProc(target.pid);
    const rates = pool.light.map(() => TOTAL_EDITS_PER_SECOND / pool.light.length);
    await Promise.all(
      pool.light.map((w, i) =>
        w.call('writeSpread', { group: 'many-a', totalRate: rates[i]!, durationMs: editMs, seqStart: 0 }),
      ),
    );
    const after = readProc(target.pid);
    const rssLoaded = after.rssBytes;
    for (const group of ['many-a', 'many-b', 'many-c']) await pool.closeGroup(group);
    const rssLeft = await settledRss(target.pid, SETTLE_MIN_MS, SETTLE_CAP_MS);
    const perConnection = (rssC - rssB) / docs;
    return {
      baselineMB: baseline / 2 ** 20,
      loadedMB: rssLoaded / 2 ** 20,
      perDocKB: (rssB - baseline - 2 * perConnection * docs) / docs / 1024,
      perConnectionKB: perConnection / 1024,
      editCpuSeconds: after.cpuSeconds - before.cpuSeconds,
      afterLeftPct: ((rssLeft - baseline) / baseline) * 100,
    };
  } finally {
    for (const group of ['many-a', 'many-b', 'many-c']) await pool.closeGroup(group);
  }
}

export const manyDocs: Scenario = {
  id: 'many-docs',
  title: 'Many documents, two clients each',
  metrics: [
    { key: 'baselineMB', label: 'RSS baseline MB', decimals: 1 },
    { key: 'loadedMB', label: 'RSS loaded MB', decimals: 1 },
    { key: 'perDocKB', label: 'RSS per loaded document KB', decimals: 1, target: { max: 0.5 } },
    { key: 'perConnectionKB', label: 'RSS per connection KB', decimals: 1 },
    // Issue 17: the same edits spread over many (mostly dormant) documents cost no more than the reference's.
    {
      key: 'editCpuSeconds',
      label: `server CPU s, ${TOTAL_EDITS_PER_SECOND} edits/s`,
      decimals: 2,
      target: { max: 1.0 },
    },
    { key: 'afterLeftPct', label: 'RSS after all left, % over baseline', decimals: 1, absolute: { max: 10 } },
  ],
  variants(quick) {
    const sizes = quick ? [100] : [100, 1_000];
    return sizes.map((n) => ({
      label: `${n} documents`,
      run: (ctx: RunContext) => runManyDocs(ctx, n, quick ? 1_000 : 5_000),
    }));
  },
};
