/** Plain types, enums and root types of the cost report document (layout in costreport.ts). */
import type * as Y from 'yjs';
import { metaMap } from './schema-version';
import type { EntityMap } from './ydoc';

export const BUDGET_LINES = ['ATL', 'BTL'] as const;
export type BudgetLineSide = (typeof BUDGET_LINES)[number];
export const BUDGET_UNITS = ['hour', 'day', 'week', 'flat', 'allow'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];
export const PO_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];
export const HOT_COST_KINDS = ['labour', 'catering', 'equipment', 'other'] as const;
export type HotCostKind = (typeof HOT_COST_KINDS)[number];

/** Largest money value accepted: well inside 2^53, so sums of many lines stay exact. */
export const MAX_MONEY = 1e13;

export interface CostSettings {
  /** ISO 4217 code, one per production. */
  currency: string;
  /** Contingency as basis points of the below-the-line total (1000 = 10%). */
  contingencyBp: number;
  /** An account alerts when EFC passes budget by more than this (500 = 5%). */
  alertThresholdBp: number;
}

export interface Account {
  id: string;
  code: string;
  name: string;
  line: BudgetLineSide;
  category: string;
  /** Estimate to complete, entered by the accountant (minor units). */
  etc: number;
}

export interface BudgetLine {
  id: string;
  accountId: string;
  description: string;
  /** How many units (2 decimals at most). */
  amount: number;
  units: BudgetUnit;
  /** People, or any other factor (2 decimals at most). */
  multiplier: number;
  /** Rate per unit, minor units. */
  rate: number;
  /** Fringe on labour lines, basis points; 0 for non-labour lines. */
  fringeBp: number;
}

export interface Actual {
  id: string;
  date: string;
  vendor: string;
  description: string;
  accountId: string;
  /** Minor units; negative for a credit or refund. */
  amount: number;
}

export interface PurchaseOrder {
  id: string;
  number: string;
  date: string;
  vendor: string;
  description: string;
  accountId: string;
  amount: number;
  /** Open = committed; paid = actual (on `paidOn`); cancelled = neither. */
  status: PoStatus;
  paidOn: string | null;
}

export interface HotCost {
  id: string;
  /** The shooting day's date (the schedule document's day date). */
  date: string;
  kind: HotCostKind;
  description: string;
  accountId: string | null;
  /** That day's budget for this entry, minor units. */
  budget: number;
  /** Labour: people on this rate. */
  headcount: number;
  /** Labour: straight-time hourly rate per person, minor units. */
  hourlyRate: number;
  /** Labour: hours at straight time before overtime starts. */
  straightHours: number;
  fringeBp: number;
  /** Labour: penalty per person per missed half hour, minor units. */
  mealPenalty: number;
  /** Non-labour: the amount spent (minor units). Labour actuals are computed from the day log. */
  actual: number;
}

/**
 * A shooting day's hot cost on one account, booked by the server when the day's production report is
 * approved: the cost is incurred but not yet invoiced. Actuals on the same account dated the same day replace
 * it (shared/calc/accruals.ts): it counts only what they do not yet cover.
 */
export interface Accrual {
  id: string;
  /** The shooting day's date; the accrual counts in a period holding it. */
  date: string;
  /** The schedule day it was booked for (one accrual per day and account). */
  dayId: string;
  accountId: string;
  /** Minor units. */
  amount: number;
  /** `DPR Day 1 hot costs` */
  description: string;
}

export interface CostReportData {
  settings: CostSettings;
  accounts: Account[];
  lines: BudgetLine[];
  actuals: Actual[];
  pos: PurchaseOrder[];
  hotCosts: HotCost[];
  accruals: Accrual[];
}

export function costReportRoots(doc: Y.Doc) {
  return {
    meta: metaMap(doc),
    accounts: doc.getMap('accounts') as EntityMap,
    lines: doc.getMap('lines') as EntityMap,
    actuals: doc.getMap('actuals') as EntityMap,
    pos: doc.getMap('pos') as EntityMap,
    hotcosts: doc.getMap('hotcosts') as EntityMap,
    /** Schema v2. Written only by the server (DPR approval). */
    accruals: doc.getMap('accruals') as EntityMap,
  };
}
