/**
 * The locked budget: the cost report's Budget column reads an approved version of the cost report (the
 * lock) instead of the live budget lines, and what changed since is tracked apart per account, as the
 * domain reference asks ("the locked budget; approved overages tracked apart"):
 *
 *   locked            the account's budget in the lock
 *   approved overage  the latest approved version after the lock, less the lock
 *   pending change    the live budget lines, less the latest approved version
 *
 * so locked + approved overage + pending change = the live budget, exactly (integer minor units).
 *
 * Which version is the lock: the newest approved version whose name says "lock" ("Locked budget",
 * "Budget lock v2"); when no approved version says so, the first approved version. Locking again is
 * approving a new version named so. Approved versions after the lock hold approved overages.
 */
import type { CostReportData } from '../model/costreport-types';
import { lineTotal } from './budget';

export interface LockCandidate {
  id: string;
  name: string;
  /** ISO 8601; versions are ordered by it, then by id. */
  createdAt: string;
  approved: unknown;
}

export interface BudgetLockChoice<T> {
  lock: T;
  /** The newest approved version from the lock on (the lock itself when none came after it). */
  approved: T;
}

const LOCK_NAME = /\block/i;

export function chooseLock<T extends LockCandidate>(versions: readonly T[]): BudgetLockChoice<T> | null {
  const approved = versions
    .filter((v) => v.approved)
    .sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
  if (approved.length === 0) return null;
  const lock = approved.filter((v) => LOCK_NAME.test(v.name)).at(-1) ?? approved[0]!;
  return { lock, approved: approved.at(-1)! };
}

/** Each account's budget: the sum of its lines' totals (fringes included), minor units. */
export function accountBudgets(data: Pick<CostReportData, 'accounts' | 'lines'>): Map<string, number> {
  const budgets = new Map<string, number>(data.accounts.map((a) => [a.id, 0]));
  for (const line of data.lines) {
    budgets.set(line.accountId, (budgets.get(line.accountId) ?? 0) + lineTotal(line).total);
  }
  return budgets;
}

export interface LockedAccount {
  locked: number;
  approvedOverage: number;
  pending: number;
  /** The live budget lines' total: locked + approvedOverage + pending. */
  current: number;
}

/**
 * Per account (every account in any of the three): the locked budget, approved overages and pending
 * changes. An account added after the lock has a locked budget of 0; one deleted since keeps its lock.
 */
export function lockedBudget(
  lock: ReadonlyMap<string, number>,
  approved: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): Map<string, LockedAccount> {
  const out = new Map<string, LockedAccount>();
  for (const id of new Set([...lock.keys(), ...approved.keys(), ...current.keys()])) {
    const locked = lock.get(id) ?? 0;
    const signed = approved.get(id) ?? 0;
    const now = current.get(id) ?? 0;
    out.set(id, { locked, approvedOverage: signed - locked, pending: now - signed, current: now });
  }
  return out;
}
