/**
 * The day clock at fixed clocks (never the wall clock): which day is being shot, behind/ahead only on that
 * day and never for an empty one, projected wrap, the meal-penalty clock, sunset warnings, a night shoot
 * past midnight and a day with a company move; sun times with suncalc; the next working day.
 */
import { describe, expect, it } from 'vitest';
import {
  minutesOnDay,
  nextWorkingDay,
  toMinutes,
  workingDayOnOrAfter,
  zonedTime,
} from '../../shared/calc/clock';
import { dayBeingShot, dayClock, dayMode, dayTimes, mealClock } from '../../shared/calc/day-status';
import { dayOutOfDays } from '../../shared/calc/dood';
import { pageTotals } from '../../shared/calc/schedule-totals';
import { daySun, sunTimes } from '../../shared/calc/sun';
import type { Location } from '../../shared/model/breakdown';
import type { BoardItem, Schedule } from '../../shared/model/schedule';
import { day, log, scene, strip } from './helpers';

const items = (...xs: (ReturnType<typeof strip> | { id: string; text: string; minutes: number })[]) =>
  xs.map((x, i): BoardItem =>
    'sceneId' in x
      ? { type: 'strip', ...x, order: String(i + 1) }
      : { type: 'banner', ...x, dayId: 'd1', order: String(i + 1) },
  );

describe('which day is being shot', () => {
  const days = [
    day('d1', '2025-05-01'),
    day('d2', '2025-05-02'),
    day('off', '2025-05-03', { kind: 'off' }),
    day('d3', '2025-05-05'),
  ];

  it('is the shooting day dated today; other days show their plan or their record', () => {
    expect(dayBeingShot(days, [], '2025-05-02')).toBe('d2');
    expect(dayMode(days[0]!, 'd2', '2025-05-02')).toBe('record');
    expect(dayMode(days[1]!, 'd2', '2025-05-02')).toBe('live');
    expect(dayMode(days[3]!, 'd2', '2025-05-02')).toBe('plan');
    // a day off is never shot; a date with no day has no day being shot
    expect(dayBeingShot(days, [], '2025-05-03')).toBeNull();
    expect(dayBeingShot(days, [], '2025-05-04')).toBeNull();
  });

  it('is the day started with "Start day" until it wraps, whatever the date (a night shoot)', () => {
    const started = days.map((d) => (d.id === 'd1' ? { ...d, started: true } : d));
    // 01:30 on 05-02: the night shoot of 05-01 is still running
    expect(dayBeingShot(started, [], '2025-05-02')).toBe('d1');
    expect(dayMode(started[1]!, 'd1', '2025-05-02')).toBe('plan');
    // without Start day, a night that logged its crew call runs on past midnight until 06:00 or its wrap
    const night = [log('d1', 'crew-call', '18:00')];
    expect(dayBeingShot(days, night, '2025-05-02', 90)).toBe('d1');
    expect(dayBeingShot(days, night, '2025-05-02', 6 * 60)).toBe('d2');
    expect(dayBeingShot(days, [...night, log('d1', 'crew-wrap', '25:00')], '2025-05-02', 90)).toBe('d2');
    expect(dayBeingShot(days, [], '2025-05-02', 90)).toBe('d2');
    // once camera wrap is logged, today's day takes over
    expect(dayBeingShot(started, [log('d1', 'camera-wrap', '26:10')], '2025-05-02')).toBe('d2');
  });
});

describe('the live clock', () => {
  const d = day('d1', '2025-05-01', { crewCall: '07:00', shootingCall: '08:00', sunset: '' });
  const scenes = [scene('1'), scene('2', { intExt: 'EXT' })];

  it('shows no behind figure for an empty day, nor any for a day that is not being shot', () => {
    const empty = dayClock({ day: d, items: [], log: [], scenes, mode: 'live', now: 780, sunset: null });
    expect(empty.behindMinutes).toBeNull();
    expect(empty.projectedWrap).toBeNull();
    const strips = items(strip('1', 'd1', { minutes: 60 }));
    // the day being shot, at 06:30 before its 08:00 shooting call: nothing to be behind yet
    const early = dayClock({ day: d, items: strips, log: [], scenes, mode: 'live', now: 390, sunset: null });
    expect(early).toMatchObject({ behindMinutes: null, projectedWrap: '09:00' });
    // planned: the 22:20 of the evening before is irrelevant; no behind, the plan's wrap
    const plan = dayClock({ day: d, items: strips, log: [], scenes, mode: 'plan', now: 1340, sunset: null });
    expect(plan).toMatchObject({
      mode: 'plan',
      behindMinutes: null,
      projectedWrap: '09:00',
      plannedLunch: null,
    });
    expect(plan.meal).toEqual({ meal: 1, dueAt: '13:00', minutesLeft: null, penalties: 0 });
  });

  it('plans a future day: lunch at the boundary before it falls due, the wrap after it', () => {
    // 08:00 + 180 = 11:00; the next strip (150) would run past 13:00, and 11:00 is 4 h after call: lunch
    const strips = items(strip('1', 'd1', { minutes: 180 }), strip('2', 'd1', { minutes: 150 }));
    const plan = dayClock({ day: d, items: strips, log: [], scenes, mode: 'plan', now: 0, sunset: 17 * 60 });
    expect(plan.plannedLunch).toBe('11:00');
    expect(plan.projectedWrap).toBe('14:30');
    expect(plan.sunsetWarnings).toEqual([]);
  });

  it('shows the final record for a past day: logged wrap and penalties, no projection', () => {
    const strips = items(strip('1', 'd1', { minutes: 300, status: 'done' }));
    const record = dayClock({
      day: d,
      items: strips,
      log: [
        log('d1', 'lunch-called', '13:40'),
        log('d1', 'lunch-ended', '14:10'),
        log('d1', 'camera-wrap', '18:00'),
      ],
      scenes,
      mode: 'record',
      now: 0,
      sunset: null,
    });
    // lunch 40 min late: 2 penalties
    expect(record).toMatchObject({ behindMinutes: null, projectedWrap: '18:00', wrapLogged: true });
    expect(record.meal.penalties).toBe(2);
    const unlogged = dayClock({
      day: d,
      items: strips,
      log: [],
      scenes,
      mode: 'record',
      now: 0,
      sunset: null,
    });
    expect(unlogged.projectedWrap).toBeNull();
  });

  it('flags an exterior strip projected to end after the (computed) sunset', () => {
    const strips = items(
      strip('1', 'd1', { minutes: 120, status: 'done' }),
      strip('2', 'd1', { minutes: 90 }),
    );
    const status = dayClock({
      day: d,
      items: strips,
      log: [log('d1', 'first-shot', '08:00')],
      scenes,
      mode: 'live',
      now: toMinutes('15:30'),
      sunset: toMinutes('16:40'),
    });
    // 7.5 h since first shot, no lunch yet (it is overdue), 2 h shot: 330 behind; lunch first (15:30-16:30),
    // then the exterior 16:30-18:00: 80 min after sunset
    expect(status.behindMinutes).toBe(330);
    expect(status.plannedLunch).toBe('15:30');
    expect(status.sunsetWarnings).toEqual([
      { stripId: strips[1]!.id, sceneId: '2', projectedEnd: '18:00', minutesAfterSunset: 80 },
    ]);
    // lunch due 13:00, now 15:30: 150 min late, 5 penalties
    expect(status.meal).toEqual({ meal: 1, dueAt: '13:00', minutesLeft: -150, penalties: 5 });
  });

  it("runs a night shoot past midnight on the day's own clock", () => {
    const night = day('n1', '2025-05-01', { crewCall: '18:00', shootingCall: '19:00', sunset: '' });
    const strips = [
      strip('1', 'n1', { minutes: 240, status: 'done' }),
      strip('2', 'n1', { minutes: 180 }),
    ].map((s, i): BoardItem => ({ type: 'strip', ...s, order: String(i) }));
    // 01:30 on 05-02 is 25:30 on the day of 05-01
    const now = minutesOnDay('2025-05-01', { date: '2025-05-02', minutes: 90 });
    expect(now).toBe(25 * 60 + 30);
    const status = dayClock({
      day: night,
      items: strips,
      log: [
        log('n1', 'crew-call', '18:00'),
        log('n1', 'first-shot', '19:10'),
        log('n1', 'lunch-called', '23:40'),
        log('n1', 'lunch-ended', '24:10'),
      ],
      scenes,
      mode: 'live',
      now,
      sunset: null,
    });
    // 19:10 to 25:30 is 380 min, less 30 of meal: 350 worked, 240 shot
    expect(status.behindMinutes).toBe(110);
    expect(status.projectedWrap).toBe('28:30');
    // meal due 24:00 (six hours after call), called 23:40: no penalty; second meal due 30:10
    expect(status.meal).toEqual({ meal: 2, dueAt: '30:10', minutesLeft: 280, penalties: 0 });
  });

  it('takes a company move out of the working time and plans the move still ahead', () => {
    const strips = items(
      strip('1', 'd1', { minutes: 60, status: 'done' }),
      { id: 'move1', text: 'COMPANY MOVE', minutes: 45 },
      strip('2', 'd1', { minutes: 60, status: 'done' }),
      { id: 'move2', text: 'COMPANY MOVE', minutes: 30 },
      strip('3', 'd1', { minutes: 60 }),
    );
    const base = [log('d1', 'first-shot', '08:00'), log('d1', 'company-move-start', '09:00')];
    // 10:45: moved 09:00-09:40, shot strip 2 09:40-10:40
    const after = dayClock({
      day: d,
      items: strips,
      log: [...base, log('d1', 'company-move-end', '09:40')],
      scenes,
      mode: 'live',
      now: toMinutes('10:45'),
      sunset: null,
    });
    // 165 min since first shot less 40 of move: 125 worked, 120 shot
    expect(after.behindMinutes).toBe(5);
    // the second move (30) is still ahead, then strip 3
    expect(after.projectedWrap).toBe('12:15');
    // now moving again: the second move started 10:50, planned 30 min, so 10 left at 11:10
    const moving = dayClock({
      day: d,
      items: strips,
      log: [...base, log('d1', 'company-move-end', '09:40'), log('d1', 'company-move-start', '10:50')],
      scenes,
      mode: 'live',
      now: toMinutes('11:10'),
      sunset: null,
    });
    // 190 min since first shot less 40 + 20 of moving: 130 worked, 120 shot
    expect(moving.behindMinutes).toBe(10);
    expect(moving.projectedWrap).toBe('12:20');
    expect(dayTimes('d1', base).moves).toEqual([{ start: 540, end: null }]);
  });
});

describe('meal penalties', () => {
  it('counts the second meal from six hours after the first ended, and stops it when called', () => {
    // call 07:00, lunch 13:00-13:30 on time; second meal due 19:30, called 20:10: 2 penalties
    expect(mealClock(420, 780, 810, 1230, undefined, { called: 1210, ended: null })).toEqual({
      meal: 2,
      dueAt: '19:30',
      minutesLeft: null,
      penalties: 2,
    });
    // second meal ended 20:40: a third is due 02:40 (26:40)
    expect(mealClock(420, 780, 810, 1300, undefined, { called: 1210, ended: 1240 })).toEqual({
      meal: 3,
      dueAt: '26:40',
      minutesLeft: 300,
      penalties: 2,
    });
  });
});

describe('sun times', () => {
  const pier: Location = {
    id: 'pier',
    name: 'Pier',
    address: '',
    hospital: '',
    latitude: 51.5074,
    longitude: -0.1278,
  };

  it('computes sunrise and sunset with suncalc for the date and place, in the production time zone', () => {
    // London on midsummer day 2025: sunrise 04:43, sunset 21:21 (BST)
    const summer = sunTimes('2025-06-21', pier.latitude!, pier.longitude!, 'Europe/London');
    expect(summer.sunrise).toBeGreaterThanOrEqual(toMinutes('04:41'));
    expect(summer.sunrise).toBeLessThanOrEqual(toMinutes('04:45'));
    expect(summer.sunset).toBeGreaterThanOrEqual(toMinutes('21:19'));
    expect(summer.sunset).toBeLessThanOrEqual(toMinutes('21:23'));
    // midwinter: 15:53 (GMT)
    const winter = sunTimes('2025-12-21', pier.latitude!, pier.longitude!, 'Europe/London');
    expect(winter.sunset).toBeGreaterThanOrEqual(toMinutes('15:51'));
    expect(winter.sunset).toBeLessThanOrEqual(toMinutes('15:55'));
    // the North Cape in midwinter: no sunrise at all
    expect(sunTimes('2025-12-21', 71.17, 25.78, 'Europe/Oslo')).toEqual({ sunrise: null, sunset: null });
  });

  it("uses the day's first exterior strip's location; a typed value overrides and says so", () => {
    const scenes = new Map([
      ['in', scene('in', { locationId: 'office' })],
      ['ext', scene('ext', { intExt: 'EXT', locationId: 'pier' })],
    ]);
    const office: Location = { ...pier, id: 'office', latitude: 10, longitude: 10 };
    const board = items(strip('in', 'd1'), strip('ext', 'd1'));
    const d = day('d1', '2025-12-21', { sunset: '' });
    const computed = daySun(d, board, scenes, [office, pier], 'Europe/London');
    expect(computed.location?.id).toBe('pier');
    expect(computed.sunset.source).toBe('computed');
    expect(computed.sunset.value).toMatch(/^15:5\d$/);
    const typed = daySun({ ...d, sunset: '16:30' }, board, scenes, [office, pier], 'Europe/London');
    expect(typed.sunset).toMatchObject({ value: '16:30', minutes: 990, source: 'typed' });
    expect(typed.sunset.computed).toMatch(/^15:5\d$/);
    // no exterior strip with coordinates: unknown (never made up)
    const unknown = daySun(d, items(strip('in', 'd1')), scenes, [office, pier], 'Europe/London');
    expect(unknown.sunset).toEqual({ value: null, minutes: null, source: 'unknown', computed: null });
  });
});

describe('dates', () => {
  it('proposes the next working day, skipping the days off (Saturday and Sunday by default)', () => {
    // 2025-05-02 is a Friday
    expect(nextWorkingDay('2025-05-02', [6, 0])).toBe('2025-05-05');
    expect(nextWorkingDay('2025-05-02', [0])).toBe('2025-05-03');
    expect(nextWorkingDay('2025-05-02', [])).toBe('2025-05-03');
    expect(workingDayOnOrAfter('2025-05-03', [6, 0])).toBe('2025-05-05');
    expect(workingDayOnOrAfter('2025-05-05', [6, 0])).toBe('2025-05-05');
  });

  it('reads an instant on the production time zone clock', () => {
    // 2025-06-01 23:30 UTC is 00:30 on 06-02 in London (BST)
    const at = zonedTime(Date.UTC(2025, 5, 1, 23, 30), 'Europe/London');
    expect(at).toEqual({ date: '2025-06-02', minutes: 30 });
    expect(minutesOnDay('2025-06-01', at)).toBe(24 * 60 + 30);
    expect(zonedTime(Date.UTC(2025, 5, 1, 23, 30), 'America/Los_Angeles')).toEqual({
      date: '2025-06-01',
      minutes: 16 * 60 + 30,
    });
  });
});

describe('days off and travel days', () => {
  it('count in DOOD as / and TR, and are not numbered as shooting days', () => {
    const c1 = scene('s1', { castIds: ['c1'] });
    const schedule: Schedule = {
      days: [
        day('t0', '2025-05-04', { kind: 'travel' }),
        day('d1', '2025-05-05'),
        day('off', '2025-05-06', { kind: 'off' }),
        day('d2', '2025-05-07'),
        day('t1', '2025-05-08', { kind: 'travel' }),
      ],
      strips: [strip('s1', 'd1'), strip('s1', 'd2')],
      banners: [],
      log: [],
      settings: { timeZone: 'UTC', daysOff: [6, 0] },
    };
    const [row] = dayOutOfDays(schedule, [c1], [{ id: 'c1', billing: 1, character: 'A', actor: 'B' }]);
    expect(row!.codes).toEqual(['TR', 'SW', '/', 'WF', 'TR']);
    expect(row!).toMatchObject({ workDays: 2, holdDays: 0, travelDays: 2 });
    expect(pageTotals(schedule, [c1]).days.map((x) => [x.dayNumber, x.ofDays])).toEqual([
      [0, 2],
      [1, 2],
      [0, 2],
      [2, 2],
      [0, 2],
    ]);
  });
});
