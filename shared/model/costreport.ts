/**
 * The producer's budget and cost report. Money is integer minor units (cents); percentages are integer
 * basis points (1000 = 10%) so no float ever holds money or a rate. Root types:
 * - `meta`: {schemaVersion, currency, contingencyBp, alertThresholdBp}
 * - `accounts`: Y.Map accountId -> Y.Map {code, name, line, category, etc}
 * - `lines`: Y.Map lineId -> Y.Map {accountId, description, amount, units, multiplier, rate, fringeBp}
 * - `actuals`: Y.Map actualId -> Y.Map {date, vendor, description, accountId, amount}
 * - `pos`: Y.Map poId -> Y.Map {number, date, vendor, description, accountId, amount, status, paidOn}
 * - `hotcosts`: Y.Map hotCostId -> Y.Map {date, kind, description, accountId, budget, headcount, hourlyRate,
 *   straightHours, fringeBp, mealPenalty, actual}
 * - `accruals` (v2): Y.Map `dpr-<dayId>-<accountId>` -> Y.Map {date, dayId, accountId, amount, description}
 */
import type * as Y from 'yjs';
import { ModelError } from './errors';
import { metaMap, writeBoard } from './schema-version';
import * as v from './validate';
import * as f from './fields';
import { createEntity, entity, entityOrNull, entries, newId, setFields } from './ydoc';
import {
  BUDGET_LINES,
  BUDGET_UNITS,
  PO_STATUSES,
  type PoStatus,
  HOT_COST_KINDS,
  MAX_MONEY,
  type CostSettings,
  type Account,
  type BudgetLine,
  type Actual,
  type PurchaseOrder,
  type HotCost,
  type CostReportData,
  costReportRoots,
} from './costreport-types';

export * from './costreport-types';

const moneyField = (min = 0) => f.integer(0, min, MAX_MONEY);
const bpField = (fallback = 0) => f.integer(fallback, 0, 100_000);

const SETTINGS_FIELDS = {
  currency: {
    ...f.string('USD'),
    read: (x: unknown) => (typeof x === 'string' && /^[A-Z]{3}$/.test(x) ? x : undefined),
  },
  contingencyBp: bpField(1_000),
  alertThresholdBp: bpField(500),
};
const ACCOUNT_FIELDS = {
  code: f.string(),
  name: f.string(),
  line: f.choice(BUDGET_LINES, 'BTL'),
  category: f.string(),
  etc: moneyField(),
};
const LINE_FIELDS = {
  accountId: f.string(),
  description: f.string(),
  amount: f.number(0, 0, 1e6),
  units: f.choice(BUDGET_UNITS, 'flat'),
  multiplier: f.number(1, 0, 1e6),
  rate: moneyField(),
  fringeBp: bpField(),
};
const ACTUAL_FIELDS = {
  date: f.date(),
  vendor: f.string(),
  description: f.string(),
  accountId: f.string(),
  amount: moneyField(-MAX_MONEY),
};
const PO_FIELDS = {
  number: f.string(),
  date: f.date(),
  vendor: f.string(),
  description: f.string(),
  accountId: f.string(),
  amount: moneyField(),
  status: f.choice(PO_STATUSES, 'open'),
  paidOn: f.dateOrNull(),
};
const HOT_COST_FIELDS = {
  date: f.date(),
  kind: f.choice(HOT_COST_KINDS, 'other'),
  description: f.string(),
  accountId: f.stringOrNull(),
  budget: moneyField(),
  headcount: f.integer(0, 0, 10_000),
  hourlyRate: moneyField(),
  straightHours: f.number(10, 0, 24),
  fringeBp: bpField(),
  mealPenalty: moneyField(),
  actual: moneyField(),
};

const ACCRUAL_FIELDS = {
  date: f.date(),
  dayId: f.string(),
  accountId: f.string(),
  amount: moneyField(-MAX_MONEY),
  description: f.string(),
};

/** Whether a budget line's total (amount x multiplier x rate, plus fringe) is a money value at all. */
function lineFits(values: Record<string, unknown>): boolean {
  const l = values as Pick<BudgetLine, 'amount' | 'multiplier' | 'rate' | 'fringeBp'>;
  return l.amount * l.multiplier * l.rate * (1 + l.fringeBp / 10_000) <= MAX_MONEY;
}

/** Whether a hot cost's day (48 hours at double time, a penalty each half hour) is a money value at all. */
function hotCostFits(values: Record<string, unknown>): boolean {
  const h = values as Pick<HotCost, 'headcount' | 'hourlyRate' | 'mealPenalty' | 'fringeBp'>;
  return h.headcount * (h.hourlyRate * 96 + h.mealPenalty * 96) * (1 + h.fringeBp / 10_000) <= MAX_MONEY;
}

function assertFits(
  values: object,
  fits: (values: Record<string, unknown>) => boolean,
  field: string,
  message: string,
): void {
  if (!fits(values as Record<string, unknown>)) throw new ModelError(field, message);
}

/** What each root holds, for the readers and for damage.ts. */
export const COSTREPORT_SHAPE = {
  meta: { type: 'meta', fields: SETTINGS_FIELDS },
  accounts: { type: 'entities', fields: ACCOUNT_FIELDS },
  lines: { type: 'entities', fields: LINE_FIELDS, check: lineFits },
  actuals: { type: 'entities', fields: ACTUAL_FIELDS },
  pos: { type: 'entities', fields: PO_FIELDS },
  hotcosts: { type: 'entities', fields: HOT_COST_FIELDS, check: hotCostFits },
  accruals: { type: 'entities', fields: ACCRUAL_FIELDS, required: ['date', 'dayId', 'accountId', 'amount'] },
} as const satisfies f.DocShape;

const money = (field: string, value: unknown, min = 0) => v.int(field, value, min, MAX_MONEY);
const bp = (field: string, value: unknown) => v.int(field, value, 0, 100_000);

export function setCostSettings(doc: Y.Doc, patch: Partial<CostSettings>, origin?: unknown): void {
  const fields: Partial<CostSettings> = {};
  if (patch.currency !== undefined) {
    fields.currency = v.nonEmpty('currency', patch.currency, 3).toUpperCase();
    if (!/^[A-Z]{3}$/.test(fields.currency))
      throw new ModelError('currency', 'expected a code like USD or EUR');
  }
  if (patch.contingencyBp !== undefined) fields.contingencyBp = bp('contingencyBp', patch.contingencyBp);
  if (patch.alertThresholdBp !== undefined)
    fields.alertThresholdBp = bp('alertThresholdBp', patch.alertThresholdBp);
  writeBoard(doc, 'costreport', origin, () => {
    for (const [key, value] of Object.entries(fields)) metaMap(doc).set(key, value);
  });
}

function validateAccount(input: Partial<Omit<Account, 'id'>>): Partial<Omit<Account, 'id'>> {
  const out: Partial<Omit<Account, 'id'>> = {};
  if (input.code !== undefined) {
    out.code = v.nonEmpty('code', input.code, 12).trim();
    if (!/^[0-9A-Za-z.-]+$/.test(out.code))
      throw new ModelError('code', `expected an account code like 1400; got ${out.code}`);
  }
  if (input.name !== undefined) out.name = v.nonEmpty('name', input.name).trim();
  if (input.line !== undefined) out.line = v.oneOf('line', input.line, BUDGET_LINES);
  if (input.category !== undefined) out.category = v.nonEmpty('category', input.category).trim();
  if (input.etc !== undefined) out.etc = money('etc', input.etc);
  return out;
}

export function addAccount(
  doc: Y.Doc,
  input: Omit<Account, 'id' | 'etc'> & { etc?: number; id?: string },
  origin?: unknown,
): string {
  const fields = validateAccount({ etc: 0, ...input });
  const { accounts } = costReportRoots(doc);
  if (readAccounts(doc).some((a) => a.code === fields.code))
    throw new ModelError('code', `account ${fields.code} already exists`);
  const accountId = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'costreport', origin, () => {
    createEntity(accounts, accountId, 'account', fields);
    return accountId;
  });
}

export function updateAccount(
  doc: Y.Doc,
  accountId: string,
  patch: Partial<Omit<Account, 'id'>>,
  origin?: unknown,
): void {
  const fields = validateAccount(patch);
  const e = entity(costReportRoots(doc).accounts, accountId, 'account');
  if (
    fields.code !== undefined &&
    readAccounts(doc).some((a) => a.code === fields.code && a.id !== accountId)
  ) {
    throw new ModelError('code', `account ${fields.code} already exists`);
  }
  writeBoard(doc, 'costreport', origin, () => setFields(e, fields));
}

export function setEstimateToComplete(doc: Y.Doc, accountId: string, etc: number, origin?: unknown): void {
  updateAccount(doc, accountId, { etc }, origin);
}

export type BudgetLineInput = Omit<BudgetLine, 'id'>;

export function validateBudgetLine(doc: Y.Doc, input: Partial<BudgetLineInput>): Partial<BudgetLineInput> {
  const out: Partial<BudgetLineInput> = {};
  if (input.accountId !== undefined) {
    out.accountId = v.id('accountId', input.accountId);
    entity(costReportRoots(doc).accounts, out.accountId, 'account');
  }
  if (input.description !== undefined)
    out.description = v.str('description', input.description, { max: 500 });
  if (input.amount !== undefined) out.amount = v.decimal('amount', input.amount, 0, 1e6);
  if (input.units !== undefined) out.units = v.oneOf('units', input.units, BUDGET_UNITS);
  if (input.multiplier !== undefined) out.multiplier = v.decimal('multiplier', input.multiplier, 0, 1e6);
  if (input.rate !== undefined) out.rate = money('rate', input.rate);
  if (input.fringeBp !== undefined) out.fringeBp = bp('fringeBp', input.fringeBp);
  return out;
}

export function addBudgetLine(
  doc: Y.Doc,
  input: BudgetLineInput & { id?: string },
  origin?: unknown,
): string {
  const fields = validateBudgetLine(doc, input);
  for (const key of ['accountId', 'amount', 'units', 'multiplier', 'rate', 'fringeBp'] as const) {
    if (fields[key] === undefined) throw new ModelError(key, 'is required');
  }
  assertFits(fields, lineFits, 'rate', 'this line totals more than any budget holds');
  const lineId = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'costreport', origin, () => {
    createEntity(costReportRoots(doc).lines, lineId, 'budget line', { description: '', ...fields });
    return lineId;
  });
}

export function updateBudgetLine(
  doc: Y.Doc,
  lineId: string,
  patch: Partial<BudgetLineInput>,
  origin?: unknown,
): void {
  const fields = validateBudgetLine(doc, patch);
  const e = entity(costReportRoots(doc).lines, lineId, 'budget line');
  const merged = { ...f.readFields(e, LINE_FIELDS), ...fields };
  assertFits(merged, lineFits, 'rate', 'this line totals more than any budget holds');
  writeBoard(doc, 'costreport', origin, () => setFields(e, fields));
}

export function deleteBudgetLine(doc: Y.Doc, lineId: string, origin?: unknown): void {
  entity(costReportRoots(doc).lines, lineId, 'budget line');
  writeBoard(doc, 'costreport', origin, () => costReportRoots(doc).lines.delete(lineId));
}

export function addActual(doc: Y.Doc, input: Omit<Actual, 'id'> & { id?: string }, origin?: unknown): string {
  const fields = {
    date: v.isoDate('date', input.date),
    vendor: v.nonEmpty('vendor', input.vendor),
    description: v.str('description', input.description, { max: 500 }),
    accountId: v.id('accountId', input.accountId),
    amount: v.int('amount', input.amount, -MAX_MONEY, MAX_MONEY),
  };
  entity(costReportRoots(doc).accounts, fields.accountId, 'account');
  const actualId = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'costreport', origin, () => {
    createEntity(costReportRoots(doc).actuals, actualId, 'actual', fields);
    return actualId;
  });
}

export function deleteActual(doc: Y.Doc, actualId: string, origin?: unknown): void {
  entity(costReportRoots(doc).actuals, actualId, 'actual');
  writeBoard(doc, 'costreport', origin, () => costReportRoots(doc).actuals.delete(actualId));
}

export function addPurchaseOrder(
  doc: Y.Doc,
  input: Omit<PurchaseOrder, 'id' | 'status' | 'paidOn'> & { id?: string },
  origin?: unknown,
): string {
  const fields = {
    number: v.nonEmpty('number', input.number, 40).trim(),
    date: v.isoDate('date', input.date),
    vendor: v.nonEmpty('vendor', input.vendor),
    description: v.str('description', input.description, { max: 500 }),
    accountId: v.id('accountId', input.accountId),
    amount: money('amount', input.amount),
    status: 'open' as PoStatus,
    paidOn: null,
  };
  entity(costReportRoots(doc).accounts, fields.accountId, 'account');
  const poId = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'costreport', origin, () => {
    createEntity(costReportRoots(doc).pos, poId, 'purchase order', fields);
    return poId;
  });
}

/** Paying a PO moves its amount from committed to actual (dated `paidOn`). */
export function payPurchaseOrder(doc: Y.Doc, poId: string, paidOn: string, origin?: unknown): void {
  const date = v.isoDate('paidOn', paidOn);
  const e = entity(costReportRoots(doc).pos, poId, 'purchase order');
  if (e.get('status') === 'cancelled') throw new ModelError('status', `purchase order ${poId} is cancelled`);
  writeBoard(doc, 'costreport', origin, () => setFields(e, { status: 'paid', paidOn: date }));
}

export function cancelPurchaseOrder(doc: Y.Doc, poId: string, origin?: unknown): void {
  const e = entity(costReportRoots(doc).pos, poId, 'purchase order');
  if (e.get('status') === 'paid') throw new ModelError('status', `purchase order ${poId} is already paid`);
  writeBoard(doc, 'costreport', origin, () => setFields(e, { status: 'cancelled', paidOn: null }));
}

export type HotCostInput = Omit<HotCost, 'id'>;

function validateHotCost(doc: Y.Doc, input: Partial<HotCostInput>): Partial<HotCostInput> {
  const out: Partial<HotCostInput> = {};
  if (input.date !== undefined) out.date = v.isoDate('date', input.date);
  if (input.kind !== undefined) out.kind = v.oneOf('kind', input.kind, HOT_COST_KINDS);
  if (input.description !== undefined) out.description = v.nonEmpty('description', input.description);
  if (input.accountId !== undefined) {
    out.accountId = v.nullable(input.accountId, (x) => v.id('accountId', x));
    if (out.accountId) entity(costReportRoots(doc).accounts, out.accountId, 'account');
  }
  if (input.budget !== undefined) out.budget = money('budget', input.budget);
  if (input.headcount !== undefined) out.headcount = v.int('headcount', input.headcount, 0, 10_000);
  if (input.hourlyRate !== undefined) out.hourlyRate = money('hourlyRate', input.hourlyRate);
  if (input.straightHours !== undefined)
    out.straightHours = v.decimal('straightHours', input.straightHours, 0, 24);
  if (input.fringeBp !== undefined) out.fringeBp = bp('fringeBp', input.fringeBp);
  if (input.mealPenalty !== undefined) out.mealPenalty = money('mealPenalty', input.mealPenalty);
  if (input.actual !== undefined) out.actual = money('actual', input.actual);
  return out;
}

export const HOT_COST_DEFAULTS: Omit<HotCostInput, 'date' | 'kind' | 'description'> = {
  accountId: null,
  budget: 0,
  headcount: 0,
  hourlyRate: 0,
  straightHours: 10,
  fringeBp: 0,
  mealPenalty: 0,
  actual: 0,
};

export function addHotCost(
  doc: Y.Doc,
  input: Partial<HotCostInput> & Pick<HotCostInput, 'date' | 'kind' | 'description'> & { id?: string },
  origin?: unknown,
): string {
  const fields = validateHotCost(doc, { ...HOT_COST_DEFAULTS, ...input });
  assertFits(fields, hotCostFits, 'hourlyRate', 'this entry costs more than any budget holds');
  const hotCostId = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'costreport', origin, () => {
    createEntity(costReportRoots(doc).hotcosts, hotCostId, 'hot cost', fields);
    return hotCostId;
  });
}

export function updateHotCost(
  doc: Y.Doc,
  hotCostId: string,
  patch: Partial<HotCostInput>,
  origin?: unknown,
): void {
  const fields = validateHotCost(doc, patch);
  const e = entity(costReportRoots(doc).hotcosts, hotCostId, 'hot cost');
  const merged = { ...f.readFields(e, HOT_COST_FIELDS), ...fields };
  assertFits(merged, hotCostFits, 'hourlyRate', 'this entry costs more than any budget holds');
  writeBoard(doc, 'costreport', origin, () => setFields(e, fields));
}

export function deleteHotCost(doc: Y.Doc, hotCostId: string, origin?: unknown): void {
  entity(costReportRoots(doc).hotcosts, hotCostId, 'hot cost');
  writeBoard(doc, 'costreport', origin, () => costReportRoots(doc).hotcosts.delete(hotCostId));
}

export function readCostSettings(doc: Y.Doc): CostSettings {
  return f.readFields(metaMap(doc), SETTINGS_FIELDS);
}

export function readAccounts(doc: Y.Doc): Account[] {
  return entries(costReportRoots(doc).accounts)
    .map(([id, e]) => ({ id, ...f.readFields(e, ACCOUNT_FIELDS) }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || (a.id < b.id ? -1 : 1));
}

export function readCostReport(doc: Y.Doc): CostReportData {
  const { lines, actuals, pos, hotcosts, accruals } = costReportRoots(doc);
  const byDateThenId = <T extends { date: string; id: string }>(a: T, b: T) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    settings: readCostSettings(doc),
    accounts: readAccounts(doc),
    lines: f
      .soundEntities(lines, COSTREPORT_SHAPE.lines)
      .map(([id, e]) => ({ id, ...f.readFields(e, LINE_FIELDS) })),
    actuals: entries(actuals)
      .map(([id, e]) => ({ id, ...f.readFields(e, ACTUAL_FIELDS) }))
      .sort(byDateThenId),
    pos: entries(pos)
      .map(([id, e]) => ({ id, ...f.readFields(e, PO_FIELDS) }))
      .sort(byDateThenId),
    hotCosts: f
      .soundEntities(hotcosts, COSTREPORT_SHAPE.hotcosts)
      .map(([id, e]) => ({ id, ...f.readFields(e, HOT_COST_FIELDS) }))
      .sort(byDateThenId),
    accruals: f
      .soundEntities(accruals, COSTREPORT_SHAPE.accruals)
      .map(([id, e]) => ({ id, ...f.readFields(e, ACCRUAL_FIELDS) }))
      .sort(byDateThenId),
  };
}

/** The id of a day's accrual on an account: one per day and account, so booking again replaces it. */
export function accrualId(dayId: string, accountId: string): string {
  return `dpr-${dayId}-${accountId}`;
}

/**
 * Makes a day's accruals exactly `amounts` (account id -> minor units; an account at 0 or absent has none):
 * the server's booking when the day's report is approved. Idempotent: booking the same day again writes
 * only what changed and never adds a second accrual for a day and account.
 */
export function bookDayAccruals(
  doc: Y.Doc,
  day: { id: string; date: string; label: string },
  amounts: ReadonlyMap<string, number>,
  origin?: unknown,
): void {
  const dayId = v.id('dayId', day.id);
  const date = v.isoDate('date', day.date);
  for (const [accountId, amount] of amounts) {
    entity(costReportRoots(doc).accounts, accountId, 'account');
    v.int(`amount of ${accountId}`, amount, -MAX_MONEY, MAX_MONEY);
  }
  const { accruals } = costReportRoots(doc);
  writeBoard(doc, 'costreport', origin, () => {
    for (const [id, e] of entries(accruals)) {
      const accountId = e.get('accountId');
      if (e.get('dayId') === dayId && !(typeof accountId === 'string' && amounts.get(accountId)))
        accruals.delete(id);
    }
    for (const [accountId, amount] of amounts) {
      if (amount === 0) continue;
      const id = accrualId(dayId, accountId);
      const fields = { date, dayId, accountId, amount, description: `${day.label} hot costs (DPR)` };
      const existing = entityOrNull(accruals, id);
      if (existing) setFields(existing, fields);
      else createEntity(accruals, id, 'accrual', fields);
    }
  });
}

/** Pure selector: one account's budget lines. */
export function selectLinesOfAccount(data: CostReportData, accountId: string): BudgetLine[] {
  return data.lines.filter((l) => l.accountId === accountId);
}
