import { describe, expect, it } from 'vitest';
import { dayOutOfDays } from '../../shared/calc/dood';
import { dayStatus, mealClock } from '../../shared/calc/day-status';
import {
  pageTotals,
  shotTotals,
  shotTotalsByDay,
  shotTotalsByScene,
  stripColour,
} from '../../shared/calc/schedule-totals';
import type { Schedule } from '../../shared/model/schedule';
import { day, log, scene, shot, strip } from './helpers';

const cast = [1, 2, 3].map((b) => ({ id: `c${b}`, billing: b, character: `Char ${b}`, actor: `Actor ${b}` }));

describe('page totals', () => {
  it('sums eighths per day and in total, with split parts counting their own length', () => {
    const scenes = [scene('1', { eighths: 11 }), scene('2', { eighths: 3 }), scene('3', { eighths: 20 })];
    const schedule: Schedule = {
      days: [day('d1', '2025-05-01'), day('d2', '2025-05-02')],
      strips: [
        strip('1', 'd1'),
        strip('2', 'd1'),
        strip('3', 'd2', { part: 1, eighths: 12 }),
        strip('3', null, { part: 2, eighths: 8 }),
        strip('missing', 'd2'),
      ],
      banners: [],
      log: [],
      settings: { timeZone: 'UTC', daysOff: [6, 0] },
    };
    const totals = pageTotals(schedule, scenes);
    expect(totals.days.map((d) => [d.dayNumber, d.pages, d.strips])).toEqual([
      [1, '1 6/8', 2],
      [2, '1 4/8', 2],
    ]);
    expect(totals.scheduledEighths).toBe(26);
    expect(totals.boneyardEighths).toBe(8);
    expect(totals.totalEighths).toBe(34);
  });

  it('colours strips by INT/EXT and DAY/NIGHT', () => {
    expect(stripColour({ intExt: 'INT', time: 'DAY' })).toBe('white');
    expect(stripColour({ intExt: 'EXT', time: 'DAY' })).toBe('yellow');
    expect(stripColour({ intExt: 'INT', time: 'NIGHT' })).toBe('blue');
    expect(stripColour({ intExt: 'EXT', time: 'NIGHT' })).toBe('green');
    expect(stripColour({ intExt: 'INT/EXT', time: 'DUSK' })).toBe('green');
  });
});

describe('day out of days', () => {
  const dates = ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-20', '2025-05-21'];
  const days = dates.map((d, i) => day(`d${i + 1}`, d));
  const scenes = [
    scene('1', { castIds: ['c1', 'c2'] }),
    scene('2', { castIds: ['c1'] }),
    scene('3', { castIds: ['c3'] }),
    scene('4', { castIds: ['c2'], omitted: true }),
  ];
  const schedule: Schedule = {
    days,
    strips: [
      strip('1', 'd1'),
      strip('2', 'd3'),
      strip('2', 'd6'),
      strip('3', 'd2'),
      strip('4', 'd5'), // omitted: nobody works it
    ],
    banners: [],
    log: [],
    settings: { timeZone: 'UTC', daysOff: [6, 0] },
  };

  it('marks SW, W, H, WF and SWF, holding through short gaps', () => {
    const rows = dayOutOfDays(schedule, scenes, cast, null);
    expect(rows[0]!.codes).toEqual(['SW', 'H', 'W', 'H', 'H', 'WF']);
    expect(rows[0]!.holdDays).toBe(3);
    expect(rows[1]!.codes).toEqual(['SWF', null, null, null, null, null]);
    expect(rows[2]!.codes).toEqual([null, 'SWF', null, null, null, null]);
  });

  it('drops and picks up across a gap longer than the rule allows', () => {
    const rows = dayOutOfDays(schedule, scenes, cast, { minGapDays: 10, maxDrops: 1 });
    // 05-03 to 05-21 leaves 17 idle calendar days: dropped, then picked up
    expect(rows[0]!.codes).toEqual(['SW', 'H', 'W', 'D', 'D', 'PW']);
    expect(rows[0]!).toMatchObject({
      workDays: 3,
      holdDays: 1,
      dropDays: 2,
      start: '2025-05-01',
      finish: '2025-05-21',
    });
  });

  it('holds when the gap is within the rule or the drops are used up', () => {
    expect(dayOutOfDays(schedule, scenes, cast, { minGapDays: 17, maxDrops: 1 })[0]!.codes).toEqual([
      'SW',
      'H',
      'W',
      'H',
      'H',
      'WF',
    ]);
    expect(dayOutOfDays(schedule, scenes, cast, { minGapDays: 0, maxDrops: 0 })[0]!.dropDays).toBe(0);
  });
});

describe('the live day', () => {
  const d = day('d1', '2025-05-01', { crewCall: '07:00', shootingCall: '08:00', sunset: '18:00' });
  const scenes = [scene('1'), scene('2', { intExt: 'EXT' }), scene('3', { intExt: 'EXT', time: 'NIGHT' })];

  it('measures behind plan from first shot and projects the wrap with lunch still to come', () => {
    const strips = [
      strip('1', 'd1', { minutes: 90, status: 'done' }),
      strip('2', 'd1', { minutes: 120 }),
      strip('3', 'd1', { minutes: 60 }),
    ];
    const status = dayStatus(d, strips, [log('d1', 'first-shot', '08:15')], scenes, '10:15');
    // 120 minutes elapsed since first shot, 90 planned minutes done
    expect(status.behindMinutes).toBe(30);
    // strip 2 runs 10:15-12:15; strip 3 would run past lunch being due (13:00), so lunch goes first
    expect(status.plannedLunch).toBe('12:15');
    expect(status.projectedWrap).toBe('14:15');
    expect(status.meal).toEqual({ meal: 1, dueAt: '13:00', minutesLeft: 165, penalties: 0 });
  });

  it('counts meal penalties per started half hour after six hours and stops when lunch is called', () => {
    expect(mealClock(420, null, null, 780 + 1)).toMatchObject({ penalties: 1, minutesLeft: -1 });
    expect(mealClock(420, null, null, 780 + 31)).toMatchObject({ penalties: 2 });
    expect(mealClock(420, 820, null, 900)).toMatchObject({ penalties: 2, minutesLeft: null });
    // second meal due six hours after lunch ended
    expect(mealClock(420, 760, 790, 790 + 360 + 45)).toEqual({
      meal: 2,
      dueAt: '19:10',
      minutesLeft: -45,
      penalties: 2,
    });
  });

  it('warns for an exterior day strip projected to end after sunset, not for a night exterior', () => {
    const strips = [
      strip('1', 'd1', { minutes: 240 }),
      strip('2', 'd1', { minutes: 240 }),
      strip('3', 'd1', { minutes: 60 }),
    ];
    const status = dayStatus(
      d,
      strips,
      [log('d1', 'lunch-called', '13:00'), log('d1', 'lunch-ended', '14:00')],
      scenes,
      '14:00',
    );
    expect(status.sunsetWarnings).toEqual([
      // strip 1 ends 18:00; the second meal (due 20:00, six hours after lunch ended) goes before strip 2
      { stripId: strips[1]!.id, sceneId: '2', projectedEnd: '22:30', minutesAfterSunset: 270 },
    ]);
    // 6 hours elapsed from 08:00 less one hour of lunch; nothing done
    expect(status.behindMinutes).toBe(300);
    expect(status.projectedWrap).toBe('23:30');
  });

  it('uses the logged camera wrap as the wrap', () => {
    const strips = [strip('1', 'd1', { status: 'done', minutes: 60 })];
    const status = dayStatus(d, strips, [log('d1', 'camera-wrap', '18:30')], scenes, '20:00');
    expect(status.projectedWrap).toBe('18:30');
    expect(status.sunsetWarnings).toEqual([]);
  });
});

describe('shot totals', () => {
  const shots = [
    shot('a', '1', { setupMinutes: 20, shootMinutes: 10, status: 'done' }),
    shot('b', '1', { setupMinutes: 10, shootMinutes: 10 }),
    shot('c', '1', { status: 'cut' }),
    shot('d', '2', { setupMinutes: 5, shootMinutes: 5 }),
    shot('e', '9', { setupMinutes: 5, shootMinutes: 5 }),
  ];

  it('counts shots and minutes per scene, done against planned, leaving cut shots out', () => {
    expect(shotTotalsByScene(shots).get('1')).toEqual({
      shots: 2,
      done: 1,
      minutes: 50,
      remainingMinutes: 20,
    });
    expect(shotTotals(shots)).toEqual({ shots: 4, done: 1, minutes: 70, remainingMinutes: 40 });
  });

  it('counts a split scene on its first day only', () => {
    const schedule: Schedule = {
      days: [day('d2', '2025-05-02'), day('d1', '2025-05-01')].sort((x, y) => (x.date < y.date ? -1 : 1)),
      strips: [strip('1', 'd2'), strip('1', 'd1'), strip('2', 'd2')],
      banners: [],
      log: [],
      settings: { timeZone: 'UTC', daysOff: [6, 0] },
    };
    const byDay = shotTotalsByDay(shots, schedule);
    expect(byDay.get('d1')).toMatchObject({ shots: 2 });
    expect(byDay.get('d2')).toMatchObject({ shots: 1, minutes: 10 });
  });
});
