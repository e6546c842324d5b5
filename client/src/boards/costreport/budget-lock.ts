/**
 * The cost report's lock, read from the versions API: which approved version is the locked budget, which
 * approved version holds the approved overages, and each one's account budgets (shared/calc/locked-budget.ts).
 * Refreshed when this device changes versions (the Versions panel) and when the tablet comes back to the tab.
 */
import { useEffect, useState } from 'react';
import { accountBudgets, chooseLock } from '../../../../shared/calc/locked-budget';
import type { CostReportData } from '../../../../shared/model/costreport-types';
import type { VersionInfo } from '../../../../shared/versions/api';
import { fetchVersionContent, fetchVersions, VERSIONS_CHANGED } from '../../api/versions';

export interface BudgetLockState {
  lock: VersionInfo;
  approved: VersionInfo;
  lockBudgets: Map<string, number>;
  approvedBudgets: Map<string, number>;
}

/** null while not locked (or not known yet); `error` when the versions could not be read. */
export function useBudgetLock(
  productionId: string,
  token: string,
): { lock: BudgetLockState | null; error: string | null } {
  const [lock, setLock] = useState<BudgetLockState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const { versions } = await fetchVersions(productionId, 'costreport', token);
        const choice = chooseLock(versions);
        if (!choice) {
          if (alive) setLock(null);
          return;
        }
        const read = async (v: VersionInfo) =>
          accountBudgets(
            (await fetchVersionContent<CostReportData>(productionId, 'costreport', token, v.id)).content,
          );
        const lockBudgets = await read(choice.lock);
        const approvedBudgets =
          choice.approved.id === choice.lock.id ? lockBudgets : await read(choice.approved);
        if (alive) {
          setLock({ lock: choice.lock, approved: choice.approved, lockBudgets, approvedBudgets });
          setError(null);
        }
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    const onChange = (event: Event) => {
      if ((event as CustomEvent<{ board?: string }>).detail?.board === 'costreport') void load();
    };
    const onVisible = () => document.visibilityState === 'visible' && void load();
    window.addEventListener(VERSIONS_CHANGED, onChange);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive = false;
      window.removeEventListener(VERSIONS_CHANGED, onChange);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [productionId, token]);
  return { lock, error };
}
