/**
 * The cost report on paper: the top sheet (categories above and below the line, contingency, grand total)
 * and the account detail with every column of the report for the period the person is looking at. Figures
 * come from calc/cost-report.ts and are written with formatMoney, so paper and screen agree to the cent.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { addDays } from '../calc/clock';
import { costReport, type Columns, type Period } from '../calc/cost-report';
import { formatMoney } from '../calc/money';
import type { CostReportData } from '../model/costreport';
import { PdfOptionError } from './errors';
import {
  COLOURS,
  documentFrame,
  emptyNote,
  GRID_LAYOUT,
  headerRow,
  longDate,
  shortDate,
  type Paper,
} from './frame';

export const PERIOD_KINDS = ['day', 'week', 'all'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Everything ever spent: the widest ISO range. */
const ALL: Period = { from: '0000-01-01', to: '9999-12-31' };

/** The reporting period around `date`: that day, its week (Monday to Sunday), or all time. */
export function reportPeriod(kind: PeriodKind, date: string): Period {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new PdfOptionError('date', `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}.`);
  }
  if (kind === 'all') return ALL;
  if (kind === 'day') return { from: date, to: date };
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addDays(date, -weekday);
  return { from, to: addDays(from, 6) };
}

export function periodLabel(kind: PeriodKind, period: Period): string {
  if (kind === 'all') return 'All to date';
  if (kind === 'day') return `Day: ${longDate(period.from)}`;
  return `Week: ${shortDate(period.from)} to ${shortDate(period.to)} ${period.to.slice(0, 4)}`;
}

export interface CostReportInput {
  production: string;
  date: string;
  paper: Paper;
  data: CostReportData;
  periodKind: PeriodKind;
  /** The date the period is around (the screen's "Period date"). */
  periodDate: string;
  /**
   * The budget lock the Budget column reads (shared/calc/locked-budget.ts): its name and each account's
   * locked budget as [accountId, minor units] (plain data, so the job crosses to a worker). Absent or null:
   * the live budget lines, printed as "not locked".
   */
  lock?: { name: string; budgets: [string, number][] } | null;
}

const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);

export function buildCostReport(input: CostReportInput): TDocumentDefinitions {
  const period = reportPeriod(input.periodKind, input.periodDate);
  const report = costReport(input.data, period, input.lock ? new Map(input.lock.budgets) : undefined);
  const currency = input.data.settings.currency || 'USD';
  const money = (n: number) => formatMoney(n, currency);
  const label = periodLabel(input.periodKind, period);
  const num = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
    text,
    alignment: 'right',
    ...extra,
  });

  // top sheet: categories under the side of the line of their accounts
  const sideOf = new Map(report.accounts.map((a) => [a.category, a.line]));
  const top: TableCell[][] = [
    headerRow(['Category', 'Budget', 'Estimate at final cost', 'Variance'], [1, 2, 3]),
  ];
  const topRow = (
    name: string,
    row: Pick<Columns, 'budget' | 'efc' | 'variance'>,
    extra: Record<string, unknown> = {},
  ) =>
    [
      { text: name, ...extra },
      num(money(row.budget), extra),
      num(money(row.efc), extra),
      num(money(row.variance), { ...extra, ...(row.variance < 0 ? { color: '#a00000' } : {}) }),
    ] as TableCell[];
  for (const [side, title, totals] of [
    ['ATL', 'Above the line', report.atl],
    ['BTL', 'Below the line', report.btl],
  ] as const) {
    top.push([{ text: title, bold: true, colSpan: 4, fillColor: COLOURS.band }, {}, {}, {}]);
    for (const cat of report.categories.filter((c) => sideOf.get(c.key) === side))
      top.push(topRow(cat.key, cat));
    top.push(topRow(`Total ${title.toLowerCase()}`, totals, { bold: true }));
  }
  top.push(topRow('Total before contingency', report.total, { bold: true }));
  top.push([
    { text: `Contingency (${(input.data.settings.contingencyBp / 100).toFixed(1)}% of below the line)` },
    num(money(report.contingency)),
    {
      text: `${money(report.contingencyLeft)} left after the projected overage`,
      colSpan: 2,
      alignment: 'right',
    },
    {},
  ]);
  top.push([
    { text: 'Grand total', bold: true, fillColor: COLOURS.header },
    num(money(report.grandTotal), { bold: true, fillColor: COLOURS.header }),
    { text: '', colSpan: 2, fillColor: COLOURS.header },
    {},
  ]);

  // detail: every column, per account, with category subtotals and the totals
  const labels = [
    'Account',
    'Budget',
    'This period',
    'To date',
    'Committed',
    'ETC',
    'EFC',
    'Variance',
    '% spent',
  ];
  const cells = (row: Columns, extra: Record<string, unknown> = {}): TableCell[] => [
    num(money(row.budget), extra),
    num(money(row.actualThisPeriod), extra),
    num(money(row.actualToDate), extra),
    num(money(row.committed), extra),
    num(money(row.etc), extra),
    num(money(row.efc), extra),
    num(money(row.variance), { ...extra, ...(row.variance < 0 ? { color: '#a00000' } : {}) }),
    num(pct(row.percentSpentBp), extra),
  ];
  const detail: TableCell[][] = [headerRow(labels, [1, 2, 3, 4, 5, 6, 7, 8])];
  for (const cat of report.categories) {
    detail.push([
      { text: cat.key, bold: true, colSpan: 9, fillColor: COLOURS.band },
      ...Array.from({ length: 8 }, () => ({})),
    ]);
    for (const a of report.accounts.filter((x) => x.category === cat.key)) {
      detail.push([
        {
          text:
            a.accrued === 0
              ? `${a.code} ${a.name}`
              : `${a.code} ${a.name}\nincl. ${money(a.accrued)} accrued (approved DPR)`,
        },
        ...cells(a),
      ]);
    }
    detail.push([{ text: `Total ${cat.key}`, bold: true }, ...cells(cat, { bold: true })]);
  }
  for (const [title, row] of [
    ['Above the line', report.atl],
    ['Below the line', report.btl],
    ['Total', report.total],
  ] as const) {
    detail.push([
      { text: title, bold: true, fillColor: COLOURS.header },
      ...cells(row, { bold: true, fillColor: COLOURS.header }),
    ]);
  }

  const alerts: Content[] =
    report.alerts.length === 0
      ? []
      : [
          { text: 'Alerts', style: 'sectionTitle' },
          {
            ul: report.alerts.map(
              (a) =>
                `${a.code} ${a.name} is ${a.kind === 'over-budget' ? 'over budget' : 'over the alert threshold'} by ${money(a.overBy)}${a.overByBp !== null ? ` (${(a.overByBp / 100).toFixed(1)}%)` : ''}`,
            ),
          },
        ];

  const content: Content[] =
    report.accounts.length === 0
      ? [emptyNote('The cost report has no accounts yet.')]
      : [
          { text: `Period: ${label}  ·  currency ${currency}`, bold: true, margin: [0, 0, 0, 2] },
          {
            text: input.lock
              ? `Budget: the locked budget "${input.lock.name}"`
              : 'Budget: the live budget lines (not locked)',
            margin: [0, 0, 0, 6],
          },
          { text: 'Top sheet', style: 'sectionTitle' },
          {
            table: { headerRows: 1, dontBreakRows: true, widths: ['*', 110, 130, 110], body: top },
            layout: GRID_LAYOUT,
          },
          ...alerts,
          { text: 'Account detail', style: 'sectionTitle', pageBreak: 'before' },
          { text: `Period: ${label}`, style: 'muted', margin: [0, 0, 0, 4] },
          {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: ['*', 72, 72, 72, 72, 72, 72, 72, 44],
              body: detail,
            },
            layout: GRID_LAYOUT,
          },
          {
            text: 'EFC = to date + committed + ETC; variance = budget - EFC (negative: over budget); % spent = to date / budget. To date includes accruals: hot costs of approved production reports not yet replaced by actuals dated that day.',
            style: 'muted',
            margin: [0, 6, 0, 0],
          },
        ];
  return documentFrame({
    paper: input.paper,
    orientation: 'landscape',
    title: { production: input.production, document: 'Cost report', detail: label, date: input.date },
    content,
  });
}
