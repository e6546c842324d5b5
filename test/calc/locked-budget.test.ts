import { describe, expect, it } from 'vitest';
import { accountBudgets, chooseLock, costReport, lockedBudget } from '../../shared/calc';
import type { CostReportData } from '../../shared/model/costreport-types';

const v = (id: string, name: string, createdAt: string, approved: boolean) => ({
  id,
  name,
  createdAt,
  approved: approved ? { at: createdAt } : null,
});

describe('locked budget', () => {
  it('chooses the newest approved version named as a lock, else the first approved', () => {
    expect(chooseLock([v('a', 'draft', '2026-01-01', false)])).toBeNull();
    const first = v('a', 'Budget v1', '2026-01-01', true);
    const second = v('b', 'Budget v2', '2026-01-02', true);
    expect(chooseLock([second, first])).toEqual({ lock: first, approved: second });
    const relock = v('c', 'Locked budget (rev 2)', '2026-01-03', true);
    const later = v('d', 'Overage: rain days', '2026-01-04', true);
    const unapproved = v('e', 'Locked budget 3', '2026-01-05', false);
    expect(chooseLock([first, second, relock, later, unapproved])).toEqual({ lock: relock, approved: later });
    // "Blockbuster" is not a lock.
    expect(chooseLock([v('x', 'Blockbuster pass', '2026-01-01', true)])?.lock.id).toBe('x');
    expect(
      chooseLock([v('x', 'Blockbuster', '2026-01-01', true), v('y', 'v2', '2026-01-02', true)])?.lock.id,
    ).toBe('x');
  });

  it('splits the change since the lock into approved overages and pending changes, in cents', () => {
    // 3300 Camera locked at $12,000.00; an approved version raised it to $12,500.00 (a $500.00 overage);
    // since then someone added $250.00 (pending). 1400 Cast was added after the lock: all of it pending.
    const lock = new Map([['camera', 1_200_000]]);
    const approved = new Map([['camera', 1_250_000]]);
    const current = new Map([
      ['camera', 1_275_000],
      ['cast', 80_000],
    ]);
    const result = lockedBudget(lock, approved, current);
    expect(result.get('camera')).toEqual({
      locked: 1_200_000,
      approvedOverage: 50_000,
      pending: 25_000,
      current: 1_275_000,
    });
    expect(result.get('cast')).toEqual({ locked: 0, approvedOverage: 0, pending: 80_000, current: 80_000 });
    for (const row of result.values())
      expect(row.locked + row.approvedOverage + row.pending).toBe(row.current);
  });

  it('the cost report reads the lock in its Budget column and measures variance against it', () => {
    const data: CostReportData = {
      settings: { currency: 'USD', contingencyBp: 1000, alertThresholdBp: 500 },
      accounts: [
        { id: 'camera', code: '3300', name: 'Camera', line: 'BTL', category: 'Production', etc: 300_000 },
      ],
      // 10 days x $1,250.00 = $12,500.00 live
      lines: [
        {
          id: 'l1',
          accountId: 'camera',
          description: 'Camera package',
          amount: 10,
          units: 'day',
          multiplier: 1,
          rate: 125_000,
          fringeBp: 0,
        },
      ],
      actuals: [
        {
          id: 'a1',
          date: '2026-06-01',
          vendor: 'Rental',
          description: '',
          accountId: 'camera',
          amount: 1_000_000,
        },
      ],
      pos: [],
      hotCosts: [],
      accruals: [],
    };
    expect(accountBudgets(data).get('camera')).toBe(1_250_000);
    const period = { from: '2026-06-01', to: '2026-06-07' };
    const live = costReport(data, period);
    expect(live.accounts[0]).toMatchObject({ budget: 1_250_000, efc: 1_300_000, variance: -50_000 });
    // Locked at $12,000.00: EFC $13,000.00 is $1,000.00 over the lock; contingency is 10% of the locked BTL.
    const locked = costReport(data, period, new Map([['camera', 1_200_000]]));
    expect(locked.accounts[0]).toMatchObject({
      budget: 1_200_000,
      efc: 1_300_000,
      variance: -100_000,
      percentSpentBp: 8333,
    });
    expect(locked.contingency).toBe(120_000);
    expect(locked.contingencyLeft).toBe(20_000);
  });
});
