/**
 * Cost report CSV: the report itself (every column, per account, per category, ATL/BTL, total, contingency)
 * for reading, and budget lines with their accounts for the round trip (export then import).
 */
import type * as Y from 'yjs';
import { lineTotal } from '../calc/budget';
import { countedAccruals } from '../calc/accruals';
import { costReport, type Columns, type Period } from '../calc/cost-report';
import { ModelError } from '../model/errors';
import {
  addAccount,
  addBudgetLine,
  BUDGET_LINES,
  BUDGET_UNITS,
  readCostReport,
  updateBudgetLine,
  validateBudgetLine,
  type BudgetLineInput,
  type BudgetLineSide,
} from '../model/costreport';
import { formatMoney, formatPercent, parseMoney, parseNumber, parsePercent } from './cells';
import { CsvError, CsvImportError } from './errors';
import { applyAtomically, type ImportResult } from './import';
import { readTable, writeTable } from './table';

export const REPORT_COLUMNS = [
  'row',
  'code',
  'name',
  'line',
  'category',
  'budget',
  'actualThisPeriod',
  'actualToDate',
  'committed',
  'estimateToComplete',
  'estimateAtFinalCost',
  'variance',
  'percentSpent',
  'periodFrom',
  'periodTo',
  'currency',
  'accrued',
  'budgetBasis',
] as const;

/** The budget lock the Budget column reads (shared/calc/locked-budget.ts); absent: the live lines. */
export interface BudgetBasis {
  /** The lock version's name. */
  name: string;
  budgets: ReadonlyMap<string, number>;
}

/**
 * The report rows, then one `accrual` row per accrual still counted (approved DPR hot costs not yet replaced
 * by actuals; its amount is inside its account's actualToDate and is given again in `accrued`).
 */
export function exportCostReport(doc: Y.Doc, period: Period, lock?: BudgetBasis | null): string {
  const data = readCostReport(doc);
  const report = costReport(data, period, lock?.budgets);
  const basis = lock ? `locked: ${lock.name}` : 'not locked';
  const tailOf = (accrued: number) => [
    period.from,
    period.to,
    data.settings.currency,
    formatMoney(accrued),
    basis,
  ];
  const tail = tailOf(0);
  const money = (c: Columns) => [
    formatMoney(c.budget),
    formatMoney(c.actualThisPeriod),
    formatMoney(c.actualToDate),
    formatMoney(c.committed),
    formatMoney(c.etc),
    formatMoney(c.efc),
    formatMoney(c.variance),
    c.percentSpentBp === null ? '' : formatPercent(c.percentSpentBp),
  ];
  const empty = ['', '', '', '', '', '', '', ''];
  const accounts = new Map(data.accounts.map((a) => [a.id, a]));
  const stillCounted = countedAccruals(data);
  const accrualRows = data.accruals.flatMap((x, i) => {
    const counted = stillCounted[i]!.amount;
    const a = accounts.get(x.accountId);
    if (!a || counted === 0) return [];
    const inPeriod = x.date >= period.from && x.date <= period.to;
    return [
      [
        'accrual',
        a.code,
        `${a.name}: ${x.description} (${x.date})`,
        a.line,
        a.category,
        '',
        formatMoney(inPeriod ? counted : 0),
        formatMoney(counted),
        ...empty.slice(3),
        ...tailOf(counted),
      ],
    ];
  });
  const rows: string[][] = [
    ...report.accounts.map((a) => [
      'account',
      a.code,
      a.name,
      a.line,
      a.category,
      ...money(a),
      ...tailOf(a.accrued),
    ]),
    ...report.categories.map((c) => ['category', '', c.key, '', c.key, ...money(c), ...tailOf(c.accrued)]),
    ['above the line', '', '', 'ATL', '', ...money(report.atl), ...tailOf(report.atl.accrued)],
    ['below the line', '', '', 'BTL', '', ...money(report.btl), ...tailOf(report.btl.accrued)],
    ['total', '', '', '', '', ...money(report.total), ...tailOf(report.total.accrued)],
    ...accrualRows,
    [
      'contingency',
      '',
      formatPercent(data.settings.contingencyBp) + '% of BTL',
      '',
      '',
      formatMoney(report.contingency),
      ...empty.slice(1),
      ...tail,
    ],
    ['contingency left', '', '', '', '', formatMoney(report.contingencyLeft), ...empty.slice(1), ...tail],
    ['grand total', '', '', '', '', formatMoney(report.grandTotal), ...empty.slice(1), ...tail],
  ];
  return writeTable(REPORT_COLUMNS, rows, [
    'budget',
    'actualThisPeriod',
    'actualToDate',
    'committed',
    'estimateToComplete',
    'estimateAtFinalCost',
    'variance',
    'percentSpent',
    'accrued',
  ]);
}

export const LINE_COLUMNS = [
  'id',
  'accountCode',
  'accountName',
  'line',
  'category',
  'description',
  'amount',
  'units',
  'multiplier',
  'rate',
  'fringePercent',
  'total',
] as const;

export function exportBudgetLines(doc: Y.Doc): string {
  const data = readCostReport(doc);
  const accounts = new Map(data.accounts.map((a) => [a.id, a]));
  const rows = data.lines
    .filter((l) => accounts.has(l.accountId))
    .sort((x, y) => {
      const a = accounts.get(x.accountId)!.code;
      const b = accounts.get(y.accountId)!.code;
      return a.localeCompare(b, 'en', { numeric: true }) || (x.id < y.id ? -1 : 1);
    })
    .map((l) => {
      const a = accounts.get(l.accountId)!;
      return [
        l.id,
        a.code,
        a.name,
        a.line,
        a.category,
        l.description,
        String(l.amount),
        l.units,
        String(l.multiplier),
        formatMoney(l.rate),
        formatPercent(l.fringeBp),
        formatMoney(lineTotal(l).total),
      ];
    });
  return writeTable(LINE_COLUMNS, rows, ['amount', 'multiplier', 'rate', 'fringePercent', 'total']);
}

interface LineRow {
  row: number;
  id: string | null;
  accountCode: string;
  newAccount: { name: string; line: BudgetLineSide; category: string } | null;
  fields: Partial<Omit<BudgetLineInput, 'accountId'>>;
}

/**
 * Imports budget lines. `accountCode` must name an account, or the row must carry accountName, line and
 * category to create it. A row whose id exists updates that line; others add lines. `total` is derived
 * and ignored.
 */
export function importBudgetLines(doc: Y.Doc, text: string, origin?: unknown): ImportResult {
  const table = readTable(text, LINE_COLUMNS, ['accountCode']);
  const data = readCostReport(doc);
  const accountByCode = new Map(data.accounts.map((a) => [a.code, a.id]));
  const lineIds = new Set(data.lines.map((l) => l.id));
  const problems: CsvError[] = [];
  const rows: LineRow[] = [];
  const seen = new Set<string>();
  for (const r of table) {
    const cell = (name: string) => r.cells.get(name);
    try {
      const accountCode = cell('accountCode')!.trim();
      if (!accountCode) throw new CsvError(r.row, 'accountCode', 'is required');
      let newAccount: LineRow['newAccount'] = null;
      if (!accountByCode.has(accountCode)) {
        const name = (cell('accountName') ?? '').trim();
        const line = (cell('line') ?? '').trim().toUpperCase();
        const category = (cell('category') ?? '').trim();
        if (!name || !category || !(BUDGET_LINES as readonly string[]).includes(line)) {
          throw new CsvError(
            r.row,
            'accountCode',
            `no account ${accountCode}; give accountName, line (ATL or BTL) and category to create it`,
          );
        }
        newAccount = { name, line: line as BudgetLineSide, category };
      }
      const id = cell('id')?.trim() || null;
      if (id !== null) {
        if (seen.has(id)) throw new CsvError(r.row, 'id', `line ${id} appears twice in the file`);
        seen.add(id);
      }
      const fields: LineRow['fields'] = {};
      const description = cell('description');
      if (description !== undefined) fields.description = description;
      const amount = cell('amount');
      if (amount) fields.amount = parseNumber(amount, r.row, 'amount');
      const units = cell('units')?.trim().toLowerCase();
      if (units) {
        if (!(BUDGET_UNITS as readonly string[]).includes(units)) {
          throw new CsvError(
            r.row,
            'units',
            `expected one of ${BUDGET_UNITS.join(', ')}, got ${JSON.stringify(units)}`,
          );
        }
        fields.units = units as BudgetLineInput['units'];
      }
      const multiplier = cell('multiplier');
      if (multiplier) fields.multiplier = parseNumber(multiplier, r.row, 'multiplier');
      const rate = cell('rate');
      if (rate) fields.rate = parseMoney(rate, r.row, 'rate');
      const fringe = cell('fringePercent');
      if (fringe) fields.fringeBp = parsePercent(fringe, r.row, 'fringePercent');
      validateBudgetLine(doc, fields);
      if (id === null || !lineIds.has(id)) {
        for (const key of ['amount', 'units', 'rate'] as const) {
          if (fields[key] === undefined) throw new CsvError(r.row, key, 'a new budget line needs this');
        }
      }
      rows.push({ row: r.row, id, accountCode, newAccount, fields });
    } catch (error) {
      if (error instanceof ModelError)
        problems.push(new CsvError(r.row, columnOf(error.field), error.message));
      else if (error instanceof CsvError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length) throw new CsvImportError(problems);
  return applyAtomically(doc, origin, (draft) => {
    let added = 0;
    let updated = 0;
    for (const r of rows) {
      try {
        let accountId = accountByCode.get(r.accountCode);
        if (accountId === undefined) {
          accountId = addAccount(draft, { code: r.accountCode, ...r.newAccount! });
          accountByCode.set(r.accountCode, accountId);
        }
        if (r.id !== null && lineIds.has(r.id)) {
          updateBudgetLine(draft, r.id, { ...r.fields, accountId });
          updated++;
        } else {
          const defaults = { description: '', multiplier: 1, fringeBp: 0 };
          addBudgetLine(draft, {
            ...defaults,
            ...(r.fields as Partial<BudgetLineInput>),
            amount: r.fields.amount!,
            units: r.fields.units!,
            rate: r.fields.rate!,
            accountId,
            ...(r.id !== null ? { id: r.id } : {}),
          });
          added++;
        }
      } catch (error) {
        if (error instanceof ModelError)
          throw new CsvImportError([new CsvError(r.row, columnOf(error.field), error.message)]);
        throw error;
      }
    }
    return { added, updated };
  });
}

function columnOf(field: string): string {
  return field === 'fringeBp' ? 'fringePercent' : field === 'accountId' ? 'accountCode' : field;
}
