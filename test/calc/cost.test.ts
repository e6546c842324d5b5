import { describe, expect, it } from 'vitest';
import { costReport } from '../../shared/calc/cost-report';
import { hotCostLine, hotCostsForDay, workedDay } from '../../shared/calc/hot-costs';
import type { CostReportData, HotCost } from '../../shared/model/costreport';
import { HOT_COST_DEFAULTS } from '../../shared/model/costreport';
import { day, log } from './helpers';

const data: CostReportData = {
  settings: { currency: 'USD', contingencyBp: 1_000, alertThresholdBp: 500 },
  accounts: [
    { id: 'a1', code: '1400', name: 'Cast', line: 'ATL', category: 'Above the line', etc: 100_000 },
    { id: 'a2', code: '3300', name: 'Camera', line: 'BTL', category: 'Production', etc: 50_000 },
    { id: 'a3', code: '3500', name: 'Locations', line: 'BTL', category: 'Production', etc: 0 },
  ],
  lines: [
    {
      id: 'l1',
      accountId: 'a1',
      description: 'Lead',
      amount: 3,
      units: 'day',
      multiplier: 1,
      rate: 100_000,
      fringeBp: 2_000,
    },
    {
      id: 'l2',
      accountId: 'a2',
      description: 'Camera package',
      amount: 1,
      units: 'week',
      multiplier: 1,
      rate: 500_000,
      fringeBp: 0,
    },
    {
      id: 'l3',
      accountId: 'a3',
      description: 'Pier fee',
      amount: 1,
      units: 'flat',
      multiplier: 1,
      rate: 200_000,
      fringeBp: 0,
    },
  ],
  actuals: [
    { id: 'x1', date: '2025-05-01', vendor: 'Actor', description: 'Day 1', accountId: 'a1', amount: 120_000 },
    {
      id: 'x2',
      date: '2025-04-20',
      vendor: 'Rental',
      description: 'Deposit',
      accountId: 'a2',
      amount: 100_000,
    },
    {
      id: 'x3',
      date: '2025-05-01',
      vendor: 'Ghost',
      description: 'Unknown account',
      accountId: 'zz',
      amount: 999,
    },
  ],
  pos: [
    {
      id: 'p1',
      number: 'PO-1',
      date: '2025-04-15',
      vendor: 'Rental',
      description: 'Package',
      accountId: 'a2',
      amount: 400_000,
      status: 'open',
      paidOn: null,
    },
    {
      id: 'p2',
      number: 'PO-2',
      date: '2025-04-15',
      vendor: 'Port',
      description: 'Pier',
      accountId: 'a3',
      amount: 210_000,
      status: 'paid',
      paidOn: '2025-05-01',
    },
    {
      id: 'p3',
      number: 'PO-3',
      date: '2025-04-15',
      vendor: 'Port',
      description: 'Cancelled',
      accountId: 'a3',
      amount: 50_000,
      status: 'cancelled',
      paidOn: null,
    },
  ],
  hotCosts: [],
  accruals: [],
};

describe('cost report', () => {
  const report = costReport(data, { from: '2025-05-01', to: '2025-05-01' });

  it('computes every column per account: EFC = ATD + committed + ETC, variance = budget - EFC', () => {
    expect(
      report.accounts.map((a) => [
        a.code,
        a.budget,
        a.actualThisPeriod,
        a.actualToDate,
        a.committed,
        a.etc,
        a.efc,
        a.variance,
        a.percentSpentBp,
      ]),
    ).toEqual([
      ['1400', 360_000, 120_000, 120_000, 0, 100_000, 220_000, 140_000, 3_333],
      ['3300', 500_000, 0, 100_000, 400_000, 50_000, 550_000, -50_000, 2_000],
      ['3500', 200_000, 210_000, 210_000, 0, 0, 210_000, -10_000, 10_500],
    ]);
  });

  it('totals by category, above and below the line and overall', () => {
    expect(report.categories.map((c) => [c.key, c.budget, c.efc])).toEqual([
      ['Above the line', 360_000, 220_000],
      ['Production', 700_000, 760_000],
    ]);
    expect(report.atl.budget).toBe(360_000);
    expect(report.btl).toMatchObject({ budget: 700_000, efc: 760_000, variance: -60_000 });
    expect(report.total).toMatchObject({
      budget: 1_060_000,
      actualToDate: 430_000,
      committed: 400_000,
      efc: 980_000,
      variance: 80_000,
      percentSpentBp: 4_057,
    });
  });

  it('puts contingency on the below-the-line budget and keeps it whole while the total is under budget', () => {
    expect(report.contingency).toBe(70_000);
    expect(report.contingencyLeft).toBe(70_000);
    expect(report.grandTotal).toBe(1_130_000);
    const over = costReport(
      { ...data, accounts: data.accounts.map((a) => ({ ...a, etc: a.etc + 100_000 })) },
      { from: '2025-05-01', to: '2025-05-01' },
    );
    expect(over.total.variance).toBe(-220_000);
    expect(over.contingencyLeft).toBe(70_000 - 220_000);
  });

  it('alerts on EFC over budget, and over the threshold separately', () => {
    expect(report.alerts).toEqual([
      {
        accountId: 'a2',
        code: '3300',
        name: 'Camera',
        kind: 'over-threshold',
        overBy: 50_000,
        overByBp: 1_000,
      },
      {
        accountId: 'a3',
        code: '3500',
        name: 'Locations',
        kind: 'over-budget',
        overBy: 10_000,
        overByBp: 500,
      },
    ]);
  });
});

describe('hot costs', () => {
  const d = day('d1', '2025-05-01', { crewCall: '07:00' });
  const crew: HotCost = {
    ...HOT_COST_DEFAULTS,
    id: 'h1',
    date: '2025-05-01',
    kind: 'labour',
    description: 'Camera crew',
    budget: 300_000,
    headcount: 4,
    hourlyRate: 5_000,
    straightHours: 10,
    fringeBp: 2_000,
    mealPenalty: 2_500,
  };

  it('pays straight time, 1.5x and 2x from the logged times, plus meal penalties and fringe', () => {
    const entries = [
      log('d1', 'lunch-called', '13:40'),
      log('d1', 'lunch-ended', '14:10'),
      log('d1', 'camera-wrap', '20:30'),
    ];
    const worked = workedDay(d, entries, '19:00');
    // 07:00 to 20:30 is 13.5 h, less 30 min lunch: 13 h worked. Lunch 40 min late: 2 penalty periods;
    // the second meal fell due 20:10 and wrap came 20 min later: 1 more
    expect(worked).toEqual({ workedMinutes: 780, mealPenalties: 3, wrapped: true });
    const line = hotCostLine(crew, worked);
    expect(line).toMatchObject({ straightMinutes: 600, overtimeMinutes: 120, doubleTimeMinutes: 60 });
    // per person: 10 x 50 + 2 x 75 + 1 x 100 = 750.00; x4 = 3000.00; penalties 4 x 25 x 3 = 300.00
    expect(line.wages).toBe(300_000);
    expect(line.penalties).toBe(30_000);
    expect(line.fringe).toBe(66_000);
    expect(line.actual).toBe(396_000);
    expect(line.overage).toBe(96_000);
  });

  it('pays the guaranteed straight hours on a short day and rounds wages half away from zero', () => {
    const short = hotCostLine(
      { ...crew, headcount: 1, hourlyRate: 3_333, fringeBp: 0 },
      { workedMinutes: 300, mealPenalties: 0, wrapped: true },
    );
    expect(short.wages).toBe(33_330);
    // 10 h + 1 min at 1.5x: 33330 + 3333 x 1.5 / 60 = 33330 + 83.325 -> 33413
    const minute = hotCostLine(
      { ...crew, headcount: 1, hourlyRate: 3_333, fringeBp: 0 },
      { workedMinutes: 601, mealPenalties: 0, wrapped: true },
    );
    expect(minute.wages).toBe(33_413);
  });

  it('adds non-labour entries as entered and uses the projected wrap before wrap is logged', () => {
    const catering: HotCost = {
      ...crew,
      id: 'h2',
      kind: 'catering',
      description: 'Catering',
      budget: 80_000,
      actual: 92_000,
    };
    const dayCost = hotCostsForDay(
      [crew, catering, { ...catering, id: 'h3', date: '2025-05-02' }],
      d,
      [],
      '17:00',
    );
    expect(dayCost.worked).toEqual({ workedMinutes: 600, mealPenalties: 8, wrapped: false });
    expect(dayCost.lines).toHaveLength(2);
    // 4 x 500.00 = 2000.00 wages; 8 periods x 4 x 25.00 = 800.00; fringe 20% = 560.00
    expect(dayCost.actual).toBe(200_000 + 80_000 + 56_000 + 92_000);
    expect(dayCost.budget).toBe(380_000);
    expect(dayCost.overage).toBe(dayCost.actual - 380_000);
  });
});
