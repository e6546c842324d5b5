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
 */
import type * as Y from 'yjs';
import { ModelError } from './errors';
import { metaMap, writeBoard } from './schema-version';
import * as v from './validate';
import { asNumber, asString, asStringOrNull, createEntity, entity, entries, newId, setFields } from './ydoc';
import {
  BUDGET_LINES,
  type BudgetLineSide,
  BUDGET_UNITS,
  type BudgetUnit,
  type PoStatus,
  HOT_COST_KINDS,
  type HotCostKind,
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
  writeBoard(doc, 'costreport', origin, () => setFields(e, fields));
}

export function deleteHotCost(doc: Y.Doc, hotCostId: string, origin?: unknown): void {
  entity(costReportRoots(doc).hotcosts, hotCostId, 'hot cost');
  writeBoard(doc, 'costreport', origin, () => costReportRoots(doc).hotcosts.delete(hotCostId));
}

export function readCostSettings(doc: Y.Doc): CostSettings {
  const meta = metaMap(doc);
  return {
    currency: asString(meta.get('currency'), 'USD'),
    contingencyBp: asNumber(meta.get('contingencyBp'), 1_000),
    alertThresholdBp: asNumber(meta.get('alertThresholdBp'), 500),
  };
}

export function readAccounts(doc: Y.Doc): Account[] {
  return entries(costReportRoots(doc).accounts)
    .map(([id, e]) => ({
      id,
      code: asString(e.get('code')),
      name: asString(e.get('name')),
      line: asString(e.get('line'), 'BTL') as BudgetLineSide,
      category: asString(e.get('category')),
      etc: asNumber(e.get('etc')),
    }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }) || (a.id < b.id ? -1 : 1));
}

export function readCostReport(doc: Y.Doc): CostReportData {
  const { lines, actuals, pos, hotcosts } = costReportRoots(doc);
  const byDateThenId = <T extends { date: string; id: string }>(a: T, b: T) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    settings: readCostSettings(doc),
    accounts: readAccounts(doc),
    lines: entries(lines).map(([id, e]) => ({
      id,
      accountId: asString(e.get('accountId')),
      description: asString(e.get('description')),
      amount: asNumber(e.get('amount')),
      units: asString(e.get('units'), 'flat') as BudgetUnit,
      multiplier: asNumber(e.get('multiplier'), 1),
      rate: asNumber(e.get('rate')),
      fringeBp: asNumber(e.get('fringeBp')),
    })),
    actuals: entries(actuals)
      .map(([id, e]) => ({
        id,
        date: asString(e.get('date')),
        vendor: asString(e.get('vendor')),
        description: asString(e.get('description')),
        accountId: asString(e.get('accountId')),
        amount: asNumber(e.get('amount')),
      }))
      .sort(byDateThenId),
    pos: entries(pos)
      .map(([id, e]) => ({
        id,
        number: asString(e.get('number')),
        date: asString(e.get('date')),
        vendor: asString(e.get('vendor')),
        description: asString(e.get('description')),
        accountId: asString(e.get('accountId')),
        amount: asNumber(e.get('amount')),
        status: asString(e.get('status'), 'open') as PoStatus,
        paidOn: asStringOrNull(e.get('paidOn')),
      }))
      .sort(byDateThenId),
    hotCosts: entries(hotcosts)
      .map(([id, e]) => ({
        id,
        date: asString(e.get('date')),
        kind: asString(e.get('kind'), 'other') as HotCostKind,
        description: asString(e.get('description')),
        accountId: asStringOrNull(e.get('accountId')),
        budget: asNumber(e.get('budget')),
        headcount: asNumber(e.get('headcount')),
        hourlyRate: asNumber(e.get('hourlyRate')),
        straightHours: asNumber(e.get('straightHours'), 10),
        fringeBp: asNumber(e.get('fringeBp')),
        mealPenalty: asNumber(e.get('mealPenalty')),
        actual: asNumber(e.get('actual')),
      }))
      .sort(byDateThenId),
  };
}

/** Pure selector: one account's budget lines. */
export function selectLinesOfAccount(data: CostReportData, accountId: string): BudgetLine[] {
  return data.lines.filter((l) => l.accountId === accountId);
}
