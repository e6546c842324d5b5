/**
 * Hot costs: one shooting day's variable costs against that day's budget, built from the AD's logged times.
 * Labour is paid straight time for the guaranteed hours (paid even if the day is shorter), time and a half
 * after them, double time after `doubleTimeAfterMinutes` from crew call; plus meal penalties (periods late,
 * from day-status.ts mealClock, times the per-person penalty) and fringe on wages and penalties.
 *
 * Rounding, half away from zero: wages are rounded once per entry (all of its people together), the fringe
 * once per entry on the rounded wages plus penalties. Day totals are sums of rounded entries.
 */
import type { HotCost } from '../model/costreport';
import type { LogEntry, ShootingDay } from '../model/schedule';
import { toMinutes } from './clock';
import { DEFAULT_DAY_OPTIONS, mealClock, type DayOptions } from './day-status';
import { divRound, percentOf } from './money';

export interface OvertimeRules {
  /** Worked minutes after which double time starts (12 hours is usual). */
  doubleTimeAfterMinutes: number;
}

export const DEFAULT_OVERTIME: OvertimeRules = { doubleTimeAfterMinutes: 12 * 60 };

export interface WorkedDay {
  /** Paid minutes: crew call to wrap, less the lunch taken. */
  workedMinutes: number;
  mealPenalties: number;
  /** True when the camera wrap was logged, false when `wrapAt` (a projection) stood in for it. */
  wrapped: boolean;
}

/** Worked minutes and meal penalties from the day log; `wrapAt` stands in for a wrap not logged yet. */
export function workedDay(
  day: ShootingDay,
  log: readonly LogEntry[],
  wrapAt: string,
  options: DayOptions = DEFAULT_DAY_OPTIONS,
): WorkedDay {
  const dayLog = log.filter((e) => e.dayId === day.id);
  const last = (kind: LogEntry['kind']) => {
    const found = dayLog.filter((e) => e.kind === kind).at(-1);
    return found ? toMinutes(found.at) : null;
  };
  const crewCall = last('crew-call') ?? toMinutes(day.crewCall);
  const loggedWrap = last('camera-wrap');
  const wrap = loggedWrap ?? toMinutes(wrapAt);
  const lunchCalled = last('lunch-called');
  const lunchEnded = last('lunch-ended');
  const lunch = lunchCalled === null ? 0 : Math.max(0, (lunchEnded ?? wrap) - lunchCalled);
  return {
    workedMinutes: Math.max(0, wrap - crewCall - lunch),
    mealPenalties: mealClock(crewCall, lunchCalled, lunchEnded, wrap, options, {
      called: last('second-meal-called'),
      ended: last('second-meal-ended'),
    }).penalties,
    wrapped: loggedWrap !== null,
  };
}

export interface HotCostLine {
  hotCostId: string;
  description: string;
  kind: HotCost['kind'];
  budget: number;
  straightMinutes: number;
  overtimeMinutes: number;
  doubleTimeMinutes: number;
  wages: number;
  penalties: number;
  fringe: number;
  actual: number;
  /** actual - budget: positive is the day's overage. */
  overage: number;
}

export function hotCostLine(
  entry: HotCost,
  worked: WorkedDay,
  rules: OvertimeRules = DEFAULT_OVERTIME,
): HotCostLine {
  if (entry.kind !== 'labour') {
    return {
      hotCostId: entry.id,
      description: entry.description,
      kind: entry.kind,
      budget: entry.budget,
      straightMinutes: 0,
      overtimeMinutes: 0,
      doubleTimeMinutes: 0,
      wages: 0,
      penalties: 0,
      fringe: 0,
      actual: entry.actual,
      overage: entry.actual - entry.budget,
    };
  }
  const straight = Math.round(entry.straightHours * 60);
  const doubleFrom = Math.max(straight, rules.doubleTimeAfterMinutes);
  const w = worked.workedMinutes;
  const overtime = Math.max(0, Math.min(w, doubleFrom) - straight);
  const double = Math.max(0, w - doubleFrom);
  // minutes weighted x2 so 1x, 1.5x, 2x are the integers 2, 3, 4; /60 for hours and /2 undo it
  const weighted = BigInt(2 * straight + 3 * overtime + 4 * double);
  const wages = divRound(BigInt(entry.headcount) * BigInt(entry.hourlyRate) * weighted, 120n);
  const penalties = entry.headcount * entry.mealPenalty * worked.mealPenalties;
  const fringe = percentOf(wages + penalties, entry.fringeBp);
  const actual = wages + penalties + fringe;
  return {
    hotCostId: entry.id,
    description: entry.description,
    kind: entry.kind,
    budget: entry.budget,
    straightMinutes: straight,
    overtimeMinutes: overtime,
    doubleTimeMinutes: double,
    wages,
    penalties,
    fringe,
    actual,
    overage: actual - entry.budget,
  };
}

export interface HotCostDay {
  date: string;
  worked: WorkedDay;
  lines: HotCostLine[];
  budget: number;
  actual: number;
  overage: number;
}

export function hotCostsForDay(
  entries: readonly HotCost[],
  day: ShootingDay,
  log: readonly LogEntry[],
  wrapAt: string,
  options: { day?: DayOptions; overtime?: OvertimeRules } = {},
): HotCostDay {
  const worked = workedDay(day, log, wrapAt, options.day);
  const lines = entries
    .filter((e) => e.date === day.date)
    .map((e) => hotCostLine(e, worked, options.overtime));
  const budget = lines.reduce((n, l) => n + l.budget, 0);
  const actual = lines.reduce((n, l) => n + l.actual, 0);
  return { date: day.date, worked, lines, budget, actual, overage: actual - budget };
}
