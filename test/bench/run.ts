/**
 * `npm run bench [-- --quick] [--only <scenario,...>] [--variant <label part>] [--targets <name,...>] [--reps N]
 *  [--profile] [--server-root <checkout>] [--duration <ms>]`
 *
 * Runs every scenario against our server, @y/websocket-server and Hocuspocus, each repetition on a freshly
 * started server, the three targets back to back (order rotated per repetition) so each ratio compares runs
 * made under the same machine load. Writes bench-results/<time>.json and .md, and (full runs only) the
 * table in docs/BENCHMARKS.md.
 */
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ClientPool } from './clients';
import { markdownTable, type BenchResult, type VariantResult } from './report';
import type { Metrics, Scenario, Variant } from './scenario';
import { SCENARIOS } from './scenarios/index';
import { startTarget, TARGETS, type RunningTarget, type TargetName } from './targets';
import { formatVersions, installedVersions } from './versions';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    targets: { type: 'string' },
    reps: { type: 'string' },
    variant: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'server-root': { type: 'string' },
    duration: { type: 'string' },
  },
});

const quick = args.quick ?? false;
// The quick run is a smoke test of every scenario (about four minutes); figures worth comparing need --reps >= 3.
const repetitions = Number(args.reps ?? (quick ? 1 : 3));
if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`--reps must be a positive integer`);
const only = args.only?.split(',');
const durationMs = args.duration === undefined ? undefined : Number(args.duration);
if (durationMs !== undefined && !(durationMs > 0))
  throw new Error(`--duration must be a positive number of ms`);
const targets = (args.targets?.split(',') ?? [...TARGETS]) as TargetName[];
for (const t of targets) {
  if (!TARGETS.includes(t)) throw new Error(`unknown target "${t}"; known: ${TARGETS.join(', ')}`);
}
const outDir = path.join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const profileDir = args.profile ? mkdtempSync(path.join(outDir, 'profile-')) : undefined;

const started = new Date();
const result: BenchResult = {
  startedAt: started.toISOString(),
  quick,
  repetitions,
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: os.loadavg(),
  },
  versions: installedVersions(),
  results: [],
};

type Planned = { scenario: Scenario; variant: Variant; entry: VariantResult };
const planned: Planned[] = [];
for (const scenario of SCENARIOS) {
  if (only && !only.includes(scenario.id)) continue;
  for (const variant of scenario.variants(quick)) {
    if (args.variant && !variant.label.includes(args.variant)) continue;
    const entry: VariantResult = {
      scenario: scenario.id,
      title: scenario.title,
      variant: variant.label,
      metrics: scenario.metrics,
      runs: { setboard: [], 'y-websocket-server': [], hocuspocus: [] },
    };
    planned.push({ scenario, variant, entry });
    result.results.push(entry);
  }
}

/** Targets in a different order each repetition, so no server always runs first on a cold machine. */
const rotated = (rep: number) => targets.map((_, i) => targets[(i + rep) % targets.length]!);

console.log(`Versions: ${formatVersions(result.versions ?? {})}`);
const pool = new ClientPool(2);
try {
  if (quick) {
    // Starting a server costs about a second; the quick run shares one per target and repetition.
    for (let rep = 0; rep < repetitions; rep++) {
      for (const name of rotated(rep)) {
        const target = await start(name);
        try {
          for (const p of planned) await runOne(p, name, rep, target);
        } finally {
          if (!(target instanceof Error)) await target.stop();
        }
      }
    }
  } else {
    for (const p of planned) {
      for (let rep = 0; rep < repetitions; rep++) {
        for (const name of rotated(rep)) {
          if (p.scenario.targets && !p.scenario.targets.includes(name)) continue;
          const target = await start(name);
          try {
            await runOne(p, name, rep, target);
          } finally {
            if (!(target instanceof Error)) await target.stop();
          }
        }
      }
    }
  }
} finally {
  await pool.terminate();
}

async function start(name: TargetName): Promise<RunningTarget | Error> {
  try {
    return await startTarget(name, {
      ...(profileDir && name === 'setboard' ? { cpuProfileDir: profileDir } : {}),
      ...(args['server-root'] ? { serverRoot: path.resolve(args['server-root']) } : {}),
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function runOne(
  p: Planned,
  name: TargetName,
  rep: number,
  target: RunningTarget | Error,
): Promise<void> {
  const t0 = performance.now();
  let outcome: Metrics | { error: string };
  // A scenario with no peer (the shooting day) runs on our server only; the references' cells stay empty (–).
  if (p.scenario.targets && !p.scenario.targets.includes(name)) return;
  if (target instanceof Error) {
    outcome = { error: `server did not start: ${target.message}` };
  } else {
    try {
      outcome = await p.variant.run({ pool, quick, target, ...(durationMs ? { durationMs } : {}) });
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  p.entry.runs[name].push(outcome);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${p.scenario.id} / ${p.variant.label} / ${name} #${rep + 1} (${secs} s): ${JSON.stringify(outcome)}`,
  );
}

const stamp = started.toISOString().replace(/[:.]/g, '-');
const table = markdownTable(result);
writeFileSync(path.join(outDir, `${stamp}.json`), JSON.stringify(result, null, 2));
writeFileSync(path.join(outDir, `${stamp}.md`), `${table}\n`);
writeFileSync(path.join(outDir, 'latest.md'), `${table}\n`);
// Only a complete run replaces the published table: a quick run is a smoke test, and a partial one (some
// scenarios, targets or variants, fewer repetitions) would publish a table that is missing rows.
const complete =
  !quick &&
  !only &&
  !args.targets &&
  !args.variant &&
  repetitions >= 3 &&
  !args['server-root'] &&
  !args.duration;
if (complete) updateBenchmarksDoc(table);
console.log(
  `\n${table}\n\nWrote bench-results/${stamp}.json and .md${complete ? ', and docs/BENCHMARKS.md' : ''}`,
);
if (profileDir) console.log(`CPU profiles of our server: ${path.relative(ROOT, profileDir)}`);

/** Replaces the table between the markers in docs/BENCHMARKS.md, keeping the prose around it. */
function updateBenchmarksDoc(markdown: string): void {
  const file = path.join(ROOT, 'docs/BENCHMARKS.md');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  let doc: string;
  try {
    doc = readFileSync(file, 'utf8');
  } catch {
    doc = `# Benchmarks\n\n${begin}\n${end}\n`;
  }
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/BENCHMARKS.md lacks the ${begin} … ${end} markers`);
  writeFileSync(file, `${doc.slice(0, a + begin.length)}\n${markdown}\n${doc.slice(b)}`);
}
