/**
 * What a scenario is to the runner: variants (sizes), metrics with the direction that is better and the
 * target ratio against the reference, and one run against one freshly started server.
 */
import type { ClientPool } from './clients';
import type { RunningTarget, TargetName } from './targets';

export interface MetricSpec {
  key: string;
  label: string;
  decimals: number;
  /** Target for ours / @y/websocket-server: at most `max`, or at least `min`; only in `variant`(s) if given. */
  target?: ({ max: number } | { min: number }) & { variant?: string | string[] };
  /** Absolute target for our own figure (e.g. "every run, 0 lost"): ours at most / at least this. */
  absolute?: { max: number } | { min: number };
}

export type Metrics = Record<string, number>;

export interface RunContext {
  pool: ClientPool;
  quick: boolean;
  target: RunningTarget;
  /** `--duration`: overrides a scenario's measured phase (e.g. a long phase for a profile of it alone). */
  durationMs?: number;
}

export interface Variant {
  /** Shown in the table, e.g. "500 clients". */
  label: string;
  run(ctx: RunContext): Promise<Metrics>;
}

export interface Scenario {
  id: string;
  title: string;
  /** The servers it runs against; all by default. A scenario with no peer (the shooting day) names ours only. */
  targets?: readonly TargetName[];
  metrics: MetricSpec[];
  variants(quick: boolean): Variant[];
}

export function assertOk(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
