import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARDS } from '../../shared/boards';
import { costReport } from '../../shared/calc/cost-report';
import { dayOutOfDays } from '../../shared/calc/dood';
import { dayStatus } from '../../shared/calc/day-status';
import { hotCostsForDay } from '../../shared/calc/hot-costs';
import { pageTotals, shotTotals } from '../../shared/calc/schedule-totals';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  readBreakdown,
  readCostReport,
  readMoodboard,
  readSchedule,
  readShots,
  schemaVersion,
  SCHEMA_VERSIONS,
  selectDayItems,
} from '../../shared/model/index';

const TODAY = '2025-06-02';

const cache = new Map<string, Uint8Array>();

/** A fresh copy of one seeded board (each board is seeded once per file; seeding takes ~0.1 s). */
function seeded(board: (typeof BOARDS)[number]): Y.Doc {
  let state = cache.get(board);
  if (!state) {
    const source = new Y.Doc();
    seedDemoBoard(board, source, { today: TODAY });
    state = Y.encodeStateAsUpdate(source);
    cache.set(board, state);
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

function seedFresh(board: (typeof BOARDS)[number]): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: TODAY });
  return doc;
}

describe('demo production', () => {
  it('is deterministic and stamps every board with its schema version', () => {
    for (const board of BOARDS) {
      const a = seedFresh(board);
      const b = seedFresh(board);
      expect(schemaVersion(a)).toBe(SCHEMA_VERSIONS[board]);
      expect(a.toJSON()).toEqual(b.toJSON());
      // a second call on a seeded document writes nothing
      const before = Y.encodeStateVector(a);
      seedDemoBoard(board, a, { today: '2030-01-01' });
      expect(Y.encodeStateVector(a)).toEqual(before);
    }
  });

  it('has twelve scenes over three days from today, forty shots, cast and locations', () => {
    const breakdown = readBreakdown(seeded('breakdown'));
    const schedule = readSchedule(seeded('schedule'));
    const shots = readShots(seeded('shotlist'));
    expect(breakdown.scenes).toHaveLength(12);
    expect(breakdown.cast.map((c) => c.character)).toEqual(['Mara', 'Jonah', 'Ines']);
    expect(breakdown.locations).toHaveLength(6);
    expect(schedule.days.map((d) => d.date)).toEqual(['2025-06-02', '2025-06-03', '2025-06-04']);
    expect(shots).toHaveLength(40);
    expect(shots.filter((s) => s.sceneId === 'scene-10').map((s) => s.code)).toEqual([
      '10',
      '10A',
      '10B',
      '10C',
      '10D',
      '10E',
    ]);
    const totals = pageTotals(schedule, breakdown.scenes);
    expect(totals.days.map((d) => d.pages)).toEqual(['5', '3 5/8', '3 4/8']);
    expect(totals.totalEighths).toBe(97);
    expect(shotTotals(shots)).toEqual({ shots: 39, done: 9, minutes: 1_360, remainingMinutes: 1_058 });
    expect(dayOutOfDays(schedule, breakdown.scenes, breakdown.cast).map((r) => r.codes)).toEqual([
      ['SW', 'W', 'WF'],
      ['SW', 'W', 'WF'],
      ['SW', 'WF', null],
    ]);
    expect(selectDayItems(schedule, 'day-1').map((i) => (i.type === 'banner' ? i.text : i.sceneId))).toEqual([
      'scene-1',
      'scene-3',
      'COMPANY MOVE to bait shop',
      'scene-2',
      'scene-7',
    ]);
    const live = dayStatus(
      schedule.days[0]!,
      schedule.strips.filter((s) => s.dayId === 'day-1'),
      schedule.log,
      breakdown.scenes,
      '14:00',
    );
    // at 14:00: 348 working minutes since first shot (07:12, less 30 of lunch and 30 of company move),
    // 240 planned minutes shot; lunch called 12:40 was 40 minutes past 12:00 (2 penalties); the second meal
    // falls due 19:10, so it is planned before the strip that would run past it (wrap 20:30, not 20:00)
    expect(live).toMatchObject({
      behindMinutes: 108,
      projectedWrap: '20:30',
      meal: { penalties: 2, dueAt: '19:10', minutesLeft: 310 },
      sunsetWarnings: [],
    });
  });

  it('has a budget of about twenty accounts with actuals, POs, ETCs and one day of hot costs', () => {
    const data = readCostReport(seeded('costreport'));
    expect(data.accounts).toHaveLength(23);
    const report = costReport(data, { from: TODAY, to: TODAY });
    expect(report.total).toEqual({
      budget: 10_019_750,
      actualThisPeriod: 176_500,
      actualToDate: 3_380_650,
      committed: 1_085_000,
      etc: 3_230_000,
      efc: 7_695_650,
      variance: 2_324_100,
      percentSpentBp: 3_374,
      accrued: 0,
    });
    expect(report.contingency).toBe(748_875); // 10% of the below-the-line 74,887.50
    expect(report.grandTotal).toBe(10_768_625);
    expect(report.alerts.map((a) => [a.code, a.kind, a.overBy])).toEqual([
      ['2300', 'over-threshold', 25_000],
      ['3700', 'over-threshold', 16_500],
    ]);
    const schedule = readSchedule(seeded('schedule'));
    const hot = hotCostsForDay(data.hotCosts, schedule.days[0]!, schedule.log, '20:00');
    // 06:00 to 20:00 less 30 minutes of lunch; 2 penalties for lunch, 2 for the second meal due 19:10
    expect(hot.worked).toEqual({ workedMinutes: 810, mealPenalties: 4, wrapped: false });
    expect(hot.lines.map((l) => l.actual)).toEqual([414_000, 471_500, 388_680, 96_500, 35_000]);
    expect({ budget: hot.budget, actual: hot.actual, overage: hot.overage }).toEqual({
      budget: 810_000,
      actual: 1_405_680,
      overage: 595_680,
    });
  });

  it('has mood boards with a palette, notes and comments', () => {
    const mood = readMoodboard(seeded('moodboard'));
    expect(mood.boards.map((b) => b.kind)).toEqual(['film', 'character', 'scene']);
    expect(mood.cards.filter((c) => c.kind === 'swatch').map((c) => c.colour)).toHaveLength(5);
    expect(mood.comments).toHaveLength(3);
  });
});

describe('demo shots read as a director would', () => {
  it('every shot\'s size is the size its description names (no EWS on a "CU: ...")', () => {
    const shots = readShots(seeded('shotlist'));
    const named = /\b(ECU|MCU|EWS|CU|MS|WS|OTS)\b/;
    const byDescription = shots.map((s) => {
      const said = /^insert\b/i.test(s.description) ? 'INSERT' : named.exec(s.description)?.[1];
      return `${s.code}: ${said ?? s.size}`;
    });
    expect(shots.map((s) => `${s.code}: ${s.size}`)).toEqual(byDescription);
    expect(shots.find((s) => s.description.startsWith('CU: Mara looks out'))?.size).toBe('CU');
    expect(shots.find((s) => s.description.startsWith('Master: two-shot'))?.size).toBe('TWO-SHOT');
    // and no wide shot sits on a macro lens
    expect(shots.filter((s) => /WS/.test(s.size) && s.lens.includes('macro'))).toEqual([]);
  });
});
