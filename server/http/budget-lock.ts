/**
 * The cost report's budget lock as the server reads it for paper (CSV and PDF), the same choice the screen
 * makes (client/src/boards/costreport/budget-lock.ts, shared/calc/locked-budget.ts chooseLock): the newest
 * approved version named with "lock", else the first approved one; its account budgets fill the Budget column.
 */
import { documentName } from '../../shared/boards';
import { accountBudgets, chooseLock } from '../../shared/calc/locked-budget';
import { readCostReport } from '../../shared/model/costreport';
import { openVersion } from '../../shared/versions';
import type { VersionStore } from '../storage/version-store';

export interface ServerBudgetLock {
  name: string;
  budgets: Map<string, number>;
}

/** The production's budget lock, or null while the cost report is not locked. */
export async function readBudgetLock(
  versions: VersionStore,
  productionId: string,
): Promise<ServerBudgetLock | null> {
  const docName = documentName(productionId, 'costreport');
  const list = await versions.listVersions(docName);
  const choice = chooseLock(list.map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() })));
  if (!choice) return null;
  const state = await versions.versionState(docName, choice.lock.id);
  if (!state) return null;
  return {
    name: choice.lock.name,
    budgets: accountBudgets(readCostReport(openVersion('costreport', state))),
  };
}
