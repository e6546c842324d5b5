/**
 * The cost report: per account, per category, above/below the line and in total. Columns follow the
 * domain reference: EFC = ATD + committed + ETC; variance = budget - EFC (negative: over); % spent =
 * ATD / budget in basis points (rounded half away from zero; null when the budget is zero).
 */
import type { BudgetLineSide, CostReportData } from '../model/costreport';
import { countedAccruals } from './accruals';
import { lineTotal } from './budget';
import { percentOf, ratioBp } from './money';

export interface Period {
  /** Inclusive ISO dates of the reporting period (a day or a week). */
  from: string;
  to: string;
}

export interface Columns {
  budget: number;
  actualThisPeriod: number;
  actualToDate: number;
  committed: number;
  etc: number;
  efc: number;
  variance: number;
  /** Basis points; null when the budget is zero. */
  percentSpentBp: number | null;
  /** Of actual to date, what is accrued (approved DPR hot costs no actual has replaced yet; accruals.ts). */
  accrued: number;
}

export interface AccountRow extends Columns {
  accountId: string;
  code: string;
  name: string;
  line: BudgetLineSide;
  category: string;
}

export interface GroupRow extends Columns {
  key: string;
}

export interface Alert {
  accountId: string;
  code: string;
  name: string;
  kind: 'over-budget' | 'over-threshold';
  /** EFC - budget, minor units. */
  overBy: number;
  /** overBy / budget in basis points; null for an unbudgeted account. */
  overByBp: number | null;
}

export interface CostReport {
  accounts: AccountRow[];
  categories: GroupRow[];
  atl: Columns;
  btl: Columns;
  total: Columns;
  /** Contingency on the below-the-line budget, rounded half away from zero. */
  contingency: number;
  /** Contingency less the projected overage of the whole budget (negative: overage beyond contingency). */
  contingencyLeft: number;
  /** Budget plus contingency: the top sheet's grand total. */
  grandTotal: number;
  alerts: Alert[];
}

function columns(
  budget: number,
  actualThisPeriod: number,
  actualToDate: number,
  committed: number,
  etc: number,
  accrued = 0,
): Columns {
  const efc = actualToDate + committed + etc;
  return {
    budget,
    actualThisPeriod,
    actualToDate,
    committed,
    etc,
    efc,
    variance: budget - efc,
    percentSpentBp: ratioBp(actualToDate, budget),
    accrued,
  };
}

function total(rows: readonly Columns[]): Columns {
  const add = (key: 'budget' | 'actualThisPeriod' | 'actualToDate' | 'committed' | 'etc' | 'accrued') =>
    rows.reduce((n, r) => n + r[key], 0);
  return columns(
    add('budget'),
    add('actualThisPeriod'),
    add('actualToDate'),
    add('committed'),
    add('etc'),
    add('accrued'),
  );
}

const inPeriod = (date: string, p: Period) => date >= p.from && date <= p.to;

/**
 * Paid purchase orders count as actuals dated `paidOn`; open ones are committed; cancelled ones count
 * nowhere. Accruals count as spent on their day, less the actuals that replaced them (accruals.ts), and are
 * also given apart (`accrued`). Actuals, POs and accruals on an unknown account are left out of every row.
 */
export function costReport(
  data: CostReportData,
  period: Period,
  /** The Budget column per account when the budget is locked (locked-budget.ts); the live lines otherwise. */
  budgets?: ReadonlyMap<string, number>,
): CostReport {
  const accruals = countedAccruals(data);
  const accounts: AccountRow[] = data.accounts.map((a) => {
    const accrued = accruals.filter((x) => x.accountId === a.id && x.amount !== 0);
    const budget = budgets
      ? (budgets.get(a.id) ?? 0)
      : data.lines.filter((l) => l.accountId === a.id).reduce((n, l) => n + lineTotal(l).total, 0);
    const spent = [
      ...data.actuals.filter((x) => x.accountId === a.id).map((x) => ({ date: x.date, amount: x.amount })),
      ...data.pos
        .filter((po) => po.accountId === a.id && po.status === 'paid')
        .map((po) => ({ date: po.paidOn ?? po.date, amount: po.amount })),
      ...accrued,
    ];
    const committed = data.pos
      .filter((po) => po.accountId === a.id && po.status === 'open')
      .reduce((n, po) => n + po.amount, 0);
    return {
      accountId: a.id,
      code: a.code,
      name: a.name,
      line: a.line,
      category: a.category,
      ...columns(
        budget,
        spent.filter((x) => inPeriod(x.date, period)).reduce((n, x) => n + x.amount, 0),
        spent.reduce((n, x) => n + x.amount, 0),
        committed,
        a.etc,
        accrued.reduce((n, x) => n + x.amount, 0),
      ),
    };
  });
  const categoryKeys = [...new Set(accounts.map((a) => a.category))];
  const categories = categoryKeys.map((key) => ({
    key,
    ...total(accounts.filter((a) => a.category === key)),
  }));
  const atl = total(accounts.filter((a) => a.line === 'ATL'));
  const btl = total(accounts.filter((a) => a.line === 'BTL'));
  const all = total(accounts);
  const contingency = percentOf(btl.budget, data.settings.contingencyBp);
  return {
    accounts,
    categories,
    atl,
    btl,
    total: all,
    contingency,
    contingencyLeft: contingency + Math.min(0, all.variance),
    grandTotal: all.budget + contingency,
    alerts: alerts(accounts, data.settings.alertThresholdBp),
  };
}

/** An account alerts when EFC passes budget; `over-threshold` when by more than the threshold. */
export function alerts(rows: readonly AccountRow[], thresholdBp: number): Alert[] {
  const out: Alert[] = [];
  for (const row of rows) {
    const overBy = row.efc - row.budget;
    if (overBy <= 0) continue;
    const overByBp = ratioBp(overBy, row.budget);
    out.push({
      accountId: row.accountId,
      code: row.code,
      name: row.name,
      kind: overByBp === null || overByBp > thresholdBp ? 'over-threshold' : 'over-budget',
      overBy,
      overByBp,
    });
  }
  return out;
}
