/**
 * The arithmetic of the benchmark: percentiles of latency samples, medians with their range over repeated
 * runs, and ratios taken pair by pair (run i of ours against run i of the reference) so that a machine that
 * slows down halfway through a session moves both sides of each ratio together.
 */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarizeLatencies(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: percentileOfSorted(sorted, 100),
  };
}

/** The median of repeated runs with the range around it, which says how far one run can be trusted. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** NaN values (a run that produced no figure) are left out; a spread of nothing is all NaN with n = 0. */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = finite.length >> 1;
  const median = finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
  return { median, min: finite[0]!, max: finite[finite.length - 1]!, n: finite.length };
}

/**
 * Ratios ours[i] / reference[i] for runs made back to back, then their spread. Pairs where either side is
 * missing or the reference is zero give no ratio rather than an infinite one.
 */
export function pairedRatios(ours: readonly number[], reference: readonly number[]): Spread {
  const ratios: number[] = [];
  const n = Math.min(ours.length, reference.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i]!;
    const b = reference[i]!;
    if (Number.isFinite(a) && Number.isFinite(b) && b !== 0) ratios.push(a / b);
  }
  return spread(ratios);
}

/** Formats a spread as `median (min–max)` with a fixed number of decimals; `–` when there is no figure. */
export function formatSpread(s: Spread, decimals: number): string {
  if (s.n === 0) return '–';
  const f = (v: number) => v.toFixed(decimals);
  if (s.n === 1 || s.min === s.max) return f(s.median);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
