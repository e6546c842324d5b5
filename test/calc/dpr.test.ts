/**
 * The daily production report's arithmetic: figures derived from the demo's day 1 (the schedule's strips and
 * log, the shot list), corrections winning over derived values, meal penalties (worked examples of domain.md's
 * rules), and accruals in the cost report (counted in ATD and EFC, replaced by the day's actuals).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countedAccruals, dayAccruals } from '../../shared/calc/accruals';
import { costReport } from '../../shared/calc/cost-report';
import { deriveDpr, reportLog } from '../../shared/calc/dpr';
import { hotCostsForDay } from '../../shared/calc/hot-costs';
import { mealPenalties, type MealTimes } from '../../shared/calc/meal-penalties';
import { seedDemoBoard } from '../../shared/demo';
import {
  addDprRow,
  bookDayAccruals,
  readCostReport,
  readDpr,
  selectDprDay,
  setDprCastTimes,
  setDprFigure,
} from '../../shared/model';
import { ModelError } from '../../shared/model/errors';
import { demoData, DEMO_TODAY } from '../pdf/demo-data';

function dpr(doc: Y.Doc = new Y.Doc(), dayNumber = 1) {
  const demo = demoData();
  const day = demo.schedule.days.filter((d) => d.kind === 'shoot')[dayNumber - 1]!;
  return deriveDpr({
    productionName: 'Low Tide',
    schedule: demo.schedule,
    breakdown: demo.breakdown,
    shots: demo.shots,
    dayNumber,
    typed: selectDprDay(readDpr(doc), day.id),
  })!;
}

describe('DPR derived from the demo day 1', () => {
  it('times come from the day log, scenes and pages from the strips, setups from the shots done', () => {
    const demo = demoData();
    const day1 = demo.schedule.days[0]!;
    const strips = demo.schedule.strips.filter((s) => s.dayId === day1.id);
    const scene = (id: string) => demo.breakdown.scenes.find((s) => s.id === id)!;
    const r = dpr();
    expect(r.day).toMatchObject({ number: 1, of: 3, label: 'Day 1', date: DEMO_TODAY });
    // the log: crew call 06:00, first shot 07:12, lunch 12:40-13:10, move 10:55-11:25, no wrap yet
    expect(r.figures.crewCall).toMatchObject({ value: '06:00', corrected: false });
    expect(r.figures.crewCall.source).toBe('Day log: crew call logged 06:00');
    expect(r.figures.firstShot.value).toBe('07:12');
    expect(r.figures.lunchOut.value).toBe('12:40');
    expect(r.figures.lunchIn.value).toBe('13:10');
    expect(r.figures.cameraWrap).toMatchObject({ value: null, source: 'Day log: no camera wrap logged' });
    expect(r.moves).toEqual([{ start: '10:55', end: '11:25' }]);
    // the strips: 1 and 3 done, 2 shooting, 7 planned
    expect(r.scenes.completed.map((s) => s.number)).toEqual(['1', '3']);
    expect(r.scenes.notShot.map((s) => s.number)).toEqual(['2', '7']);
    const eighths = (ids: string[]) => ids.reduce((n, id) => n + scene(id).eighths, 0);
    expect(r.figures.pagesPlanned.value).toBe(eighths(strips.map((s) => s.sceneId)));
    expect(r.figures.pagesShot.value).toBe(
      eighths(strips.filter((s) => s.status === 'done').map((s) => s.sceneId)),
    );
    expect(r.figures.pagesShot.source).toBe('Schedule: strips marked done (Scene 1, Scene 3)');
    // the shots of day 1's scenes: distinct setups of those not cut, and of those done
    const ofDay = demo.shots.filter((s) => strips.some((x) => x.sceneId === s.sceneId) && s.status !== 'cut');
    const setups = (list: typeof ofDay) => new Set(list.map((s) => s.setup)).size;
    expect(r.figures.setupsPlanned.value).toBe(setups(ofDay));
    expect(r.figures.setupsShot.value).toBe(setups(ofDay.filter((s) => s.status === 'done')));
    expect(r.figures.setupsShot.value).toBeGreaterThan(0);
    // cast of the day's scenes, by billing, with no times yet
    const castIds = new Set(strips.flatMap((s) => scene(s.sceneId).castIds));
    expect(r.cast.map((c) => c.castId).sort()).toEqual([...castIds].sort());
    expect(r.cast.every((c) => c.penalties === null)).toBe(true);
  });

  it('a correction wins over the derived value and says so; clearing it goes back', () => {
    const doc = new Y.Doc();
    const day1 = demoData().schedule.days[0]!.id;
    setDprFigure(doc, day1, 'firstShot', '07:05');
    setDprFigure(doc, day1, 'pagesShot', 20);
    setDprFigure(doc, day1, 'cameraCards', 6);
    let r = dpr(doc);
    expect(r.figures.firstShot).toMatchObject({ value: '07:05', derived: '07:12', corrected: true });
    expect(r.figures.firstShot.source).toBe(
      'Corrected on the report (Day log: first shot logged 07:12: 07:12)',
    );
    expect(r.figures.pagesShot).toMatchObject({ value: 20, corrected: true });
    expect(r.figures.cameraCards).toMatchObject({
      value: 6,
      derived: null,
      corrected: false,
      source: 'Typed on the report',
    });
    setDprFigure(doc, day1, 'firstShot', null);
    r = dpr(doc);
    expect(r.figures.firstShot).toMatchObject({ value: '07:12', corrected: false });
  });

  it('refuses a bad value and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => setDprFigure(doc, 'day-1', 'lunchOut', '25:99')).toThrow(ModelError);
    expect(() => setDprFigure(doc, 'day-1', 'cameraCards', -1)).toThrow(/cameraCards/);
    expect(() => addDprRow(doc, 'background', 'day-1', { group: '', count: 3 })).toThrow(/group/);
    expect(readDpr(doc).figures).toEqual([]);
    expect(readDpr(doc).background).toEqual([]);
  });

  it('typed rows and cast times come into the day, with totals and meal penalties', () => {
    const doc = new Y.Doc();
    const day1 = demoData().schedule.days[0]!.id;
    addDprRow(doc, 'background', day1, { group: 'Fishermen', count: 12, in: '06:30', out: '14:00' });
    addDprRow(doc, 'background', day1, { group: 'Tourists', count: 8, in: null, out: null });
    addDprRow(doc, 'events', day1, { kind: 'delay', at: '07:00', minutes: 12, text: 'Fog' });
    addDprRow(doc, 'added', day1, { scene: '2a', eighths: 3, status: 'completed' });
    const first = dpr().cast[0]!.castId;
    setDprCastTimes(doc, day1, first, {
      report: '06:00',
      mealOut: '12:45',
      mealIn: '13:15',
      dismissed: '19:00',
    });
    const r = dpr(doc);
    expect(r.backgroundTotal).toBe(20);
    expect(r.delayMinutes).toBe(12);
    expect(r.scenes.added.map((a) => a.scene)).toEqual(['2A']);
    expect(r.figures.pagesShot.source).toContain('added scenes completed (Scene 2A)');
    expect(r.cast.find((c) => c.castId === first)!.penalties).toBe(2);
    expect(r.mealPenalties).toBe(2);
  });

  it('reports the time to derive day 1 of the demo once the boards are read', () => {
    const demo = demoData();
    const typed = selectDprDay(readDpr(new Y.Doc()), demo.schedule.days[0]!.id);
    const runs = 200;
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      deriveDpr({
        productionName: 'x',
        schedule: demo.schedule,
        breakdown: demo.breakdown,
        shots: demo.shots,
        dayNumber: 1,
        typed,
      });
    }
    const each = (performance.now() - start) / runs;
    console.log(`deriveDpr (demo day 1): ${each.toFixed(3)} ms per report`);
    expect(each).toBeGreaterThan(0);
  });
});

describe('meal penalties (domain.md: first meal 3 to 6 hours after call, second 6 hours after the first)', () => {
  const t = (x: Partial<MealTimes>): MealTimes => ({
    report: null,
    mealOut: null,
    mealIn: null,
    meal2Out: null,
    meal2In: null,
    dismissed: null,
    ...x,
  });
  it.each([
    ['on time', t({ report: '06:00', mealOut: '12:00', mealIn: '12:30', dismissed: '17:00' }), 0],
    [
      '45 minutes late: two started half hours',
      t({ report: '06:00', mealOut: '12:45', mealIn: '13:15', dismissed: '19:00' }),
      2,
    ],
    [
      'one minute late is one',
      t({ report: '06:00', mealOut: '12:01', mealIn: '12:31', dismissed: '14:00' }),
      1,
    ],
    [
      'worked 45 past the second meal due (19:30)',
      t({ report: '07:00', mealOut: '13:00', mealIn: '13:30', dismissed: '20:15' }),
      2,
    ],
    [
      'second meal taken late by 30',
      t({
        report: '07:00',
        mealOut: '13:00',
        mealIn: '13:30',
        meal2Out: '20:00',
        meal2In: '20:30',
        dismissed: '22:00',
      }),
      1,
    ],
    [
      'an early meal (2h30 after call) does not count',
      t({ report: '06:00', mealOut: '08:30', mealIn: '09:00', dismissed: '13:00' }),
      2,
    ],
    ['no meal, dismissed 6h after call', t({ report: '06:00', dismissed: '12:00' }), 0],
    ['past midnight', t({ report: '18:00', mealOut: '24:30', mealIn: '25:00', dismissed: '28:00' }), 1],
  ])('%s', (_name, times, penalties) => {
    expect(mealPenalties(times).penalties).toBe(penalties);
  });
  it('no report time: nothing to count from; the early meal is flagged', () => {
    expect(mealPenalties(t({ mealOut: '12:00' }))).toMatchObject({ penalties: null, complete: false });
    expect(
      mealPenalties(t({ report: '06:00', mealOut: '08:30', mealIn: '09:00', dismissed: '13:00' })),
    ).toMatchObject({
      earlyMeal: true,
      late: [{ meal: 'dismissal', dueAt: '12:00', at: '13:00', lateMinutes: 60, penalties: 2 }],
    });
  });
});

describe('accruals in the cost report (integer cents)', () => {
  function costDoc() {
    const doc = new Y.Doc();
    seedDemoBoard('costreport', doc, { today: DEMO_TODAY });
    return doc;
  }

  it('approving books the day hot costs per account; they count in ATD and EFC and are given apart', () => {
    const doc = costDoc();
    const before = costReport(readCostReport(doc), { from: DEMO_TODAY, to: DEMO_TODAY });
    bookDayAccruals(
      doc,
      { id: 'day-1', date: DEMO_TODAY, label: 'Day 1' },
      new Map([['acct-3300', 120_000]]),
    );
    const data = readCostReport(doc);
    expect(data.accruals).toEqual([
      {
        id: 'dpr-day-1-acct-3300',
        date: DEMO_TODAY,
        dayId: 'day-1',
        accountId: 'acct-3300',
        amount: 120_000,
        description: 'Day 1 hot costs (DPR)',
      },
    ]);
    const after = costReport(data, { from: DEMO_TODAY, to: DEMO_TODAY });
    const row = (r: typeof after) => r.accounts.find((a) => a.accountId === 'acct-3300')!;
    expect(row(after).actualToDate - row(before).actualToDate).toBe(120_000);
    expect(row(after).actualThisPeriod - row(before).actualThisPeriod).toBe(120_000);
    expect(row(after).efc - row(before).efc).toBe(120_000);
    expect(row(after).accrued).toBe(120_000);
    expect(after.total.accrued).toBe(120_000);
  });

  it('booking a day again replaces its accruals, never adds to them', () => {
    const doc = costDoc();
    const day = { id: 'day-1', date: DEMO_TODAY, label: 'Day 1' };
    bookDayAccruals(
      doc,
      day,
      new Map([
        ['acct-3300', 120_000],
        ['acct-1400', 50_000],
      ]),
    );
    bookDayAccruals(doc, day, new Map([['acct-3300', 90_000]]));
    bookDayAccruals(doc, day, new Map([['acct-3300', 90_000]]));
    expect(readCostReport(doc).accruals.map((a) => [a.accountId, a.amount])).toEqual([['acct-3300', 90_000]]);
  });

  it('actuals of the day on the account replace the accrual: $1,200.00 less $500.00, then fully', () => {
    const accrual = {
      id: 'a',
      date: '2026-12-07',
      dayId: 'd',
      accountId: 'cam',
      amount: 120_000,
      description: '',
    };
    const actual = (amount: number, date = '2026-12-07') => ({
      id: `x${amount}`,
      date,
      vendor: 'v',
      description: '',
      accountId: 'cam',
      amount,
    });
    expect(countedAccruals({ accruals: [accrual], actuals: [actual(50_000)], pos: [] })[0]!.amount).toBe(
      70_000,
    );
    expect(
      countedAccruals({ accruals: [accrual], actuals: [actual(50_000), actual(80_000)], pos: [] })[0]!.amount,
    ).toBe(0);
    // another day's invoice does not replace it
    expect(
      countedAccruals({ accruals: [accrual], actuals: [actual(50_000, '2026-12-08')], pos: [] })[0]!.amount,
    ).toBe(120_000);
  });

  it('the demo day 1 hot costs, from the report times, are what approval books per account', () => {
    const demo = demoData();
    const doc = costDoc();
    const r = dpr();
    const entries = readCostReport(doc).hotCosts;
    const day = demo.schedule.days[0]!;
    const costs = hotCostsForDay(entries, day, reportLog(r), '19:00');
    const { byAccount } = dayAccruals(costs, entries);
    const booked = [...byAccount.values()].reduce((n, x) => n + x, 0);
    const withAccount = costs.lines.filter(
      (l) => entries.find((e) => e.id === l.hotCostId)!.accountId !== null,
    );
    expect(booked).toBe(withAccount.reduce((n, l) => n + l.actual, 0));
    expect(booked).toBeGreaterThan(0);
  });
});
