/**
 * Results of a whole run: every figure of every repetition, and the markdown table made from them
 * (medians with min–max, ratios ours / reference taken pair by pair, targets met or missed).
 */
import { formatSpread, pairedRatios, spread, type Spread } from './stats';
import type { MetricSpec, Metrics } from './scenario';
import type { TargetName } from './targets';
import { formatVersions } from './versions';

export interface VariantResult {
  scenario: string;
  title: string;
  variant: string;
  metrics: MetricSpec[];
  /** runs[target][i] is the i-th repetition; a failed run holds its error instead of figures. */
  runs: Record<TargetName, Array<Metrics | { error: string }>>;
}

export interface BenchResult {
  startedAt: string;
  quick: boolean;
  repetitions: number;
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  /** Installed versions of the reference servers, the stock providers and Yjs (versions.ts). */
  versions?: Record<string, string>;
  results: VariantResult[];
}

export function values(runs: Array<Metrics | { error: string }>, key: string): number[] {
  return runs.map((r) => ('error' in r ? Number.NaN : (r[key] ?? Number.NaN)));
}

export type Verdict = 'met' | 'missed' | 'n/a';

function targetApplies(spec: MetricSpec, variant: string): boolean {
  const only = spec.target?.variant;
  if (!spec.target) return false;
  if (only === undefined) return true;
  return typeof only === 'string' ? only === variant : only.includes(variant);
}

export function verdict(spec: MetricSpec, variant: string, ratio: Spread, ours: number[]): Verdict {
  // A metric may have both a ratio target and an absolute one (idle RSS: <= 0.5x AND <= 300 MB): both must hold.
  const parts = [ratioVerdict(spec, variant, ratio), absoluteVerdict(spec, ours)].filter(
    (v): v is Exclude<Verdict, 'n/a'> => v !== 'n/a',
  );
  if (parts.length === 0) return 'n/a';
  return parts.includes('missed') ? 'missed' : 'met';
}

function ratioVerdict(spec: MetricSpec, variant: string, ratio: Spread): Verdict {
  if (!spec.target || !targetApplies(spec, variant) || ratio.n === 0) return 'n/a';
  return 'max' in spec.target
    ? ratio.median <= spec.target.max
      ? 'met'
      : 'missed'
    : ratio.median >= spec.target.min
      ? 'met'
      : 'missed';
}

function absoluteVerdict(spec: MetricSpec, ours: number[]): Verdict {
  if (!spec.absolute) return 'n/a';
  const finite = ours.filter((v) => !Number.isNaN(v));
  if (finite.length === 0) return 'n/a';
  // "In every run": the worst run decides.
  return 'max' in spec.absolute
    ? Math.max(...finite) <= spec.absolute.max
      ? 'met'
      : 'missed'
    : Math.min(...finite) >= spec.absolute.min
      ? 'met'
      : 'missed';
}

function targetText(spec: MetricSpec, variant: string): string {
  const parts: string[] = [];
  if (spec.target && targetApplies(spec, variant)) {
    parts.push('max' in spec.target ? `≤ ${spec.target.max}x` : `≥ ${spec.target.min}x`);
  }
  if (spec.absolute) {
    parts.push(
      'max' in spec.absolute ? `≤ ${spec.absolute.max} every run` : `≥ ${spec.absolute.min} every run`,
    );
  }
  return parts.join(' and ');
}

export function markdownTable(result: BenchResult): string {
  const lines: string[] = [];
  lines.push(
    `Run ${result.startedAt}${result.quick ? ' (quick)' : ''}, ${result.repetitions} repetitions, ` +
      `${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}. ` +
      `Figures: median (min–max); ratios ours / @y/websocket-server paired run by run.` +
      (result.versions ? ` Versions: ${formatVersions(result.versions)}.` : ''),
    '',
    '| scenario | variant | metric | ours (setboard) | @y/websocket-server | hocuspocus | ours / y-ws | target | verdict |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of result.results) {
    const failures = (Object.keys(r.runs) as TargetName[])
      .map((t) => [t, r.runs[t].filter((x) => 'error' in x).length] as const)
      .filter(([, n]) => n > 0);
    for (const spec of r.metrics) {
      const ours = values(r.runs.setboard ?? [], spec.key);
      const ref = values(r.runs['y-websocket-server'] ?? [], spec.key);
      const hocus = values(r.runs.hocuspocus ?? [], spec.key);
      const ratio = pairedRatios(ours, ref);
      lines.push(
        `| ${r.title} | ${r.variant} | ${spec.label} | ${formatSpread(spread(ours), spec.decimals)} | ` +
          `${formatSpread(spread(ref), spec.decimals)} | ${formatSpread(spread(hocus), spec.decimals)} | ` +
          `${formatSpread(ratio, 2)} | ${targetText(spec, r.variant)} | ${verdict(spec, r.variant, ratio, ours)} |`,
      );
    }
    for (const [t, n] of failures) {
      lines.push(`| ${r.title} | ${r.variant} | failed runs | ${t}: ${n} (see JSON for errors) | | | | | |`);
    }
  }
  return lines.join('\n');
}
