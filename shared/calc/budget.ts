/**
 * Budget line arithmetic: amount x multiplier x rate, plus fringe on labour lines. Units say what the amount
 * counts (hour, day = 12 h, week = 60 h, flat, allow); they matter for converting to hours, not for the total.
 *
 * Rounding (half away from zero, money.ts divRound) happens exactly twice per line: once for the base
 * (amount and multiplier carry up to two decimals, so the exact product is in 1/10000 of a minor unit),
 * then for the fringe computed on that rounded base. Totals are sums of rounded lines, never re-rounded.
 */
import type { BudgetLine, BudgetUnit } from '../model/costreport';
import { divRound, hundredths, percentOf } from './money';

/** Hours in one unit; null for flat and allowance lines, which are not time. */
export const UNIT_HOURS: Record<BudgetUnit, number | null> = {
  hour: 1,
  day: 12,
  week: 60,
  flat: null,
  allow: null,
};

export interface LineTotal {
  base: number;
  fringe: number;
  total: number;
}

export function lineTotal(line: Pick<BudgetLine, 'amount' | 'multiplier' | 'rate' | 'fringeBp'>): LineTotal {
  const base = divRound(hundredths(line.amount) * hundredths(line.multiplier) * BigInt(line.rate), 10_000n);
  const fringe = percentOf(base, line.fringeBp);
  return { base, fringe, total: base + fringe };
}

/** Person-hours a line pays for (amount x hours per unit x multiplier), or null for flat and allow. */
export function lineHours(line: Pick<BudgetLine, 'amount' | 'units' | 'multiplier'>): number | null {
  const perUnit = UNIT_HOURS[line.units];
  if (perUnit === null) return null;
  return (Number(hundredths(line.amount) * hundredths(line.multiplier)) * perUnit) / 10_000;
}

/** A unit rate expressed per hour (a 12-hour day rate / 12), rounded half away from zero. */
export function hourlyRate(rate: number, units: BudgetUnit): number | null {
  const perUnit = UNIT_HOURS[units];
  return perUnit === null ? null : divRound(BigInt(rate), BigInt(perUnit));
}
