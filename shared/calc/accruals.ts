/**
 * Accruals: a shooting day's hot costs booked on their accounts when the day's production report is
 * approved, so the cost report's actual to date and EFC show the day's spend the same evening, before any
 * invoice arrives.
 *
 * How actuals replace them, in domain terms: an invoice (an actual, or a purchase order paid) on an account
 * dated the shooting day is that day's cost arriving, so it takes the place of the estimate. The accrual
 * then counts only what those actuals do not yet cover, never less than nothing:
 *
 *   accrual still counted = max(0, accrual - actuals on its account dated its day)
 *
 * e.g. a $1,200.00 accrual on 3300 Camera for 7 December, then a $500.00 camera invoice dated 7 December:
 * ATD holds $500.00 actual + $700.00 accrued; a second invoice of $800.00 that day: $1,300.00 actual, $0
 * accrued (the estimate is fully replaced; the extra $100.00 is real spend, not an accrual).
 */
import type { CostReportData, HotCost } from '../model/costreport-types';
import type { HotCostDay } from './hot-costs';

export interface CountedAccrual {
  accountId: string;
  date: string;
  /** The accrual as booked. */
  booked: number;
  /** What it still counts after the day's actuals on its account (0 when they cover it). */
  amount: number;
}

/** Every accrual with what it still counts (see the module comment). */
export function countedAccruals(
  data: Pick<CostReportData, 'accruals' | 'actuals' | 'pos'>,
): CountedAccrual[] {
  const actualOn = new Map<string, number>();
  const add = (accountId: string, date: string, amount: number) => {
    const key = `${accountId} ${date}`;
    actualOn.set(key, (actualOn.get(key) ?? 0) + amount);
  };
  for (const x of data.actuals) add(x.accountId, x.date, x.amount);
  for (const po of data.pos) if (po.status === 'paid') add(po.accountId, po.paidOn ?? po.date, po.amount);
  // Two accruals of one day and account cannot exist (one id each); still, net them in id order.
  return data.accruals.map((a) => {
    const key = `${a.accountId} ${a.date}`;
    const covered = Math.max(0, actualOn.get(key) ?? 0);
    const amount = Math.max(0, a.amount - covered);
    actualOn.set(key, covered - (a.amount - amount));
    return { accountId: a.accountId, date: a.date, booked: a.amount, amount };
  });
}

export interface DayAccruals {
  /** Account id -> the day's hot costs on it, minor units. */
  byAccount: Map<string, number>;
  /** Hot cost entries of the day with no account: they cannot be booked (listed so the producer sees why). */
  unbooked: { hotCostId: string; description: string; actual: number }[];
}

/** What approving a day books: its hot cost lines' actuals summed per account. */
export function dayAccruals(day: HotCostDay, entries: readonly HotCost[]): DayAccruals {
  const accountOf = new Map(entries.map((e) => [e.id, e.accountId]));
  const byAccount = new Map<string, number>();
  const unbooked: DayAccruals['unbooked'] = [];
  for (const line of day.lines) {
    const accountId = accountOf.get(line.hotCostId) ?? null;
    if (accountId === null) {
      unbooked.push({ hotCostId: line.hotCostId, description: line.description, actual: line.actual });
      continue;
    }
    byAccount.set(accountId, (byAccount.get(accountId) ?? 0) + line.actual);
  }
  return { byAccount, unbooked };
}
