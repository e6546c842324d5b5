/**
 * The day clock, from the plan (the day's strips with their estimated minutes, banners with planned minutes
 * such as a company move) and the AD's log: which day is being shot, minutes behind or ahead, projected
 * wrap, the meal-penalty clock and sunset warnings for exterior strips.
 *
 * All times are minutes on the shooting day's clock (clock.ts): 25:30 is 01:30 the next morning, so a night
 * shoot past midnight keeps counting. Three modes: the day being shot runs live on `now`; a future day
 * shows its plan (planned lunch and wrap, no behind/ahead); a past day shows its final record.
 */
import type { Scene } from '../model/breakdown';
import type { BoardItem, LogEntry, LogKind, ShootingDay, Strip } from '../model/schedule';
import { addDays, fromMinutes, toMinutes } from './clock';

export interface DayOptions {
  /** A meal is due this long after crew call, and the next this long after the last one ended. */
  mealDueMinutes: number;
  /** A penalty accrues for each started period of this length that a meal is late. */
  penaltyPeriodMinutes: number;
  /** Planned length of lunch when it has not happened yet. */
  lunchMinutes: number;
  /** Planned length of the second meal (a walking meal is shorter). */
  secondMealMinutes: number;
  /** The first meal is planned no earlier than this long after crew call. */
  mealEarliestMinutes: number;
}

export const DEFAULT_DAY_OPTIONS: DayOptions = {
  mealDueMinutes: 360,
  penaltyPeriodMinutes: 30,
  lunchMinutes: 60,
  secondMealMinutes: 30,
  mealEarliestMinutes: 180,
};

export type DayMode = 'live' | 'plan' | 'record';

/** A night shoot still counts as being shot until this time of the next morning (30:00 = 06:00). */
export const NIGHT_RUNS_UNTIL = 30 * 60;

/**
 * The day being shot: a day started with "Start day" that has not wrapped (camera or crew wrap logged); else
 * yesterday's day when it is running past midnight (crew call or first shot logged, no wrap, and `now` is
 * before 06:00), so a night shoot keeps its clock without anyone pressing Start day; else the shooting day
 * dated `today` (in the production's time zone). Null when there is none. `now`: minutes since today's
 * midnight.
 */
export function dayBeingShot(
  days: readonly ShootingDay[],
  log: readonly LogEntry[],
  today: string,
  now?: number,
): string | null {
  const logged = (dayId: string, kinds: readonly LogKind[]) =>
    log.some((e) => e.dayId === dayId && kinds.includes(e.kind));
  const wrapped = (dayId: string) => logged(dayId, ['camera-wrap', 'crew-wrap']);
  const started = days.filter((d) => d.kind === 'shoot' && d.started && !wrapped(d.id));
  if (started.length > 0) return started[started.length - 1]!.id;
  if (now !== undefined && now + 1440 < NIGHT_RUNS_UNTIL) {
    const yesterday = addDays(today, -1);
    const night = days.find(
      (d) =>
        d.kind === 'shoot' &&
        d.date === yesterday &&
        logged(d.id, ['crew-call', 'first-shot']) &&
        !wrapped(d.id),
    );
    if (night) return night.id;
  }
  return days.find((d) => d.kind === 'shoot' && d.date === today)?.id ?? null;
}

/** How a day's panel runs: live (being shot), plan (not yet shot) or record (shot before today). */
export function dayMode(day: ShootingDay, beingShot: string | null, today: string): DayMode {
  if (day.id === beingShot) return 'live';
  return day.date < today ? 'record' : 'plan';
}

export interface MealClock {
  /** Which meal the clock is on: 1 lunch, 2 second meal, 3 a third. */
  meal: 1 | 2 | 3;
  /** When that meal is due. */
  dueAt: string;
  /** Minutes until it is due; negative when overdue. Null while that meal is in progress. */
  minutesLeft: number | null;
  /** Penalty periods so far over every meal (a late meal stops its count when it is called). */
  penalties: number;
}

/**
 * Meal penalties: the first meal is due `mealDueMinutes` after crew call, the second that long after the
 * first ended (and a third after the second); each started `penaltyPeriodMinutes` a meal is late is one
 * penalty. Times are minutes on the day's clock; null: not logged.
 */
export function mealClock(
  crewCall: number,
  lunchCalled: number | null,
  lunchEnded: number | null,
  now: number,
  options: DayOptions = DEFAULT_DAY_OPTIONS,
  second: { called: number | null; ended: number | null } = { called: null, ended: null },
): MealClock {
  const periods = (late: number) => (late > 0 ? Math.ceil(late / options.penaltyPeriodMinutes) : 0);
  const meals: [number | null, number | null][] = [
    [lunchCalled, lunchEnded],
    [second.called, second.ended],
  ];
  let due = crewCall + options.mealDueMinutes;
  let penalties = 0;
  for (let i = 0; i < 3; i++) {
    const [called, ended] = meals[i] ?? [null, null];
    const meal = (i + 1) as 1 | 2 | 3;
    if (called === null) {
      return {
        meal,
        dueAt: fromMinutes(due),
        minutesLeft: due - now,
        penalties: penalties + periods(now - due),
      };
    }
    penalties += periods(called - due);
    if (ended === null) return { meal, dueAt: fromMinutes(due), minutesLeft: null, penalties };
    due = ended + options.mealDueMinutes;
  }
  return {
    meal: 3,
    dueAt: fromMinutes(due),
    minutesLeft: due - now,
    penalties: penalties + periods(now - due),
  };
}

/** The logged times of one day, minutes on its clock (the entry logged last counts for a repeated kind). */
export interface DayTimes {
  crewCall: number | null;
  firstShot: number | null;
  lunchCalled: number | null;
  lunchEnded: number | null;
  secondMealCalled: number | null;
  secondMealEnded: number | null;
  cameraWrap: number | null;
  crewWrap: number | null;
  /** Company moves in time order; `end` null while the unit is moving. */
  moves: { start: number; end: number | null }[];
}

export function dayTimes(dayId: string, log: readonly LogEntry[]): DayTimes {
  const dayLog = log
    .filter((e) => e.dayId === dayId)
    .sort((a, b) => toMinutes(a.at) - toMinutes(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const last = (kind: LogKind) => {
    const found = dayLog.filter((e) => e.kind === kind).at(-1);
    return found ? toMinutes(found.at) : null;
  };
  const moves: { start: number; end: number | null }[] = [];
  for (const e of dayLog) {
    if (e.kind === 'company-move-start') moves.push({ start: toMinutes(e.at), end: null });
    else if (e.kind === 'company-move-end') {
      const open = moves.find((m) => m.end === null);
      if (open) open.end = toMinutes(e.at);
    }
  }
  return {
    crewCall: last('crew-call'),
    firstShot: last('first-shot'),
    lunchCalled: last('lunch-called'),
    lunchEnded: last('lunch-ended'),
    secondMealCalled: last('second-meal-called'),
    secondMealEnded: last('second-meal-ended'),
    cameraWrap: last('camera-wrap'),
    crewWrap: last('crew-wrap'),
    moves,
  };
}

export interface SunsetWarning {
  stripId: string;
  sceneId: string;
  projectedEnd: string;
  minutesAfterSunset: number;
}

export interface DayStatus {
  mode: DayMode;
  /**
   * Minutes behind plan (negative: ahead). Only for the day being shot once it is rolling (past first shot or
   * shooting call), and never for an empty day.
   */
  behindMinutes: number | null;
  /** Live: projected (or logged) wrap; plan: planned wrap; record: the logged camera wrap. Null: none. */
  projectedWrap: string | null;
  wrapLogged: boolean;
  /** Where lunch falls in the plan or projection; null once called or when the day ends before it. */
  plannedLunch: string | null;
  meal: MealClock;
  sunsetWarnings: SunsetWarning[];
  doneMinutes: number;
  remainingMinutes: number;
}

export interface DayClockInput {
  day: ShootingDay;
  /** The day's strips and banners in board order. */
  items: readonly BoardItem[];
  log: readonly LogEntry[];
  scenes: readonly Scene[];
  mode: DayMode;
  /** Now, minutes on the day's clock (clock.ts minutesOnDay); only read in live mode. */
  now: number;
  /** Sunset (typed or computed), minutes on the day's clock; null when unknown (no warnings). */
  sunset: number | null;
  options?: DayOptions;
}

/** Minutes of [from, to) that fall inside [lo, hi). */
function overlap(from: number, to: number, lo: number, hi: number): number {
  return Math.max(0, Math.min(to, hi) - Math.max(from, lo));
}

const isShot = (s: Strip) => s.status === 'done' || s.status === 'partial';

/**
 * Behind: working minutes since first shot (else shooting call) less meals and company moves taken, against
 * the planned minutes of the strips shot (done or partial; a partial strip's rest is its own strip).
 *
 * Projection: from now (plan: from shooting call), the strips not shot back to back in board order, with
 * the banners still ahead of the unit (after the last strip shot, before a strip not shot; a company move
 * logged uses up the next one, and one in progress leaves only its planned rest). A meal not yet called is
 * placed at the last strip boundary where the next strip would run past it being due (never earlier than
 * `mealEarliestMinutes` after call), or at the first boundary once it is overdue.
 */
export function dayClock(input: DayClockInput): DayStatus {
  const { day, items, scenes, mode } = input;
  const options = input.options ?? DEFAULT_DAY_OPTIONS;
  const live = mode === 'live';
  const record = mode === 'record';
  const t = dayTimes(day.id, mode === 'plan' ? [] : input.log);
  const crewCall = t.crewCall ?? toMinutes(day.crewCall);
  const start = t.firstShot ?? toMinutes(day.shootingCall);
  const wrap = t.cameraWrap;
  const strips = items.flatMap((i) => (i.type === 'strip' ? [i] : []));
  const shotStrips = mode === 'plan' ? [] : strips.filter(isShot);
  const doneMinutes = shotStrips.reduce((n, s) => n + s.minutes, 0);
  const remainingMinutes = strips.reduce((n, s) => n + s.minutes, 0) - doneMinutes;
  const now = live ? input.now : record ? (wrap ?? t.crewWrap ?? lastLogged(t) ?? crewCall) : start;
  const end = wrap ?? now;

  // breaks taken between first shot and now (or wrap)
  const breaks: [number, number][] = [
    ...(t.lunchCalled !== null ? [[t.lunchCalled, t.lunchEnded ?? end] as [number, number]] : []),
    ...(t.secondMealCalled !== null
      ? [[t.secondMealCalled, t.secondMealEnded ?? end] as [number, number]]
      : []),
    ...t.moves.map((m) => [m.start, m.end ?? end] as [number, number]),
  ];
  const taken = breaks.reduce((n, [a, b]) => n + overlap(a, b, start, end), 0);
  const elapsed = Math.max(0, end - start - taken);
  // before the first shot (or shooting call) there is nothing to be behind or ahead of yet
  const behindMinutes = live && strips.length > 0 && end > start ? elapsed - doneMinutes : null;

  const meal = mealClock(crewCall, t.lunchCalled, t.lunchEnded, live ? end : now, options, {
    called: t.secondMealCalled,
    ended: t.secondMealEnded,
  });
  if (mode === 'plan') meal.minutesLeft = null;

  // projection
  const sceneById = new Map(scenes.map((s) => [s.id, s]));
  const sunsetWarnings: SunsetWarning[] = [];
  let plannedLunch: string | null = null;
  let cursor = live ? Math.max(now, start) : start;
  if (live) {
    if (t.lunchCalled !== null && t.lunchEnded === null)
      cursor += Math.max(0, t.lunchCalled + options.lunchMinutes - now);
    if (t.secondMealCalled !== null && t.secondMealEnded === null)
      cursor += Math.max(0, t.secondMealCalled + options.secondMealMinutes - now);
  }
  const lastShot = items.reduce(
    (n, item, i) => (item.type === 'strip' && shotStrips.includes(item) ? i : n),
    -1,
  );
  const lastOpen = items.reduce(
    (n, item, i) => (item.type === 'strip' && !shotStrips.includes(item) ? i : n),
    -1,
  );
  const bannersBehind = items.filter((x, i) => x.type === 'banner' && x.minutes > 0 && i <= lastShot).length;
  let movesToUse = Math.max(0, t.moves.length - bannersBehind);
  const openMove = t.moves.find((m) => m.end === null) ?? null;
  let lunchDone = t.lunchCalled !== null;
  let secondDone = t.secondMealCalled !== null;
  // when the second meal falls due: six hours after lunch ended (or is planned to end)
  let mealDue =
    t.lunchCalled === null
      ? Number.POSITIVE_INFINITY
      : (t.lunchEnded ?? t.lunchCalled + options.lunchMinutes) + options.mealDueMinutes;
  const placeMeal = (next: number) => {
    if (!lunchDone) {
      const due = crewCall + options.mealDueMinutes;
      if (cursor >= due || (cursor + next > due && cursor >= crewCall + options.mealEarliestMinutes)) {
        plannedLunch = fromMinutes(cursor);
        cursor += options.lunchMinutes;
        lunchDone = true;
        mealDue = cursor + options.mealDueMinutes;
      }
    } else if (!secondDone) {
      if (cursor >= mealDue || cursor + next > mealDue) {
        cursor += options.secondMealMinutes;
        secondDone = true;
      }
    }
  };
  if (wrap === null) {
    items.forEach((item, i) => {
      if (item.type === 'banner') {
        if (item.minutes <= 0 || i < lastShot || i > lastOpen) return;
        if (movesToUse > 0) {
          movesToUse--;
          // the move now under way: only the rest of its planned time is still ahead
          if (live && openMove && movesToUse === 0)
            cursor += Math.max(0, openMove.start + item.minutes - now);
          return;
        }
        cursor += item.minutes;
        return;
      }
      if (shotStrips.includes(item)) return;
      placeMeal(item.minutes);
      cursor += item.minutes;
      const scene = sceneById.get(item.sceneId);
      if (
        !record &&
        input.sunset !== null &&
        scene &&
        scene.intExt !== 'INT' &&
        scene.time !== 'NIGHT' &&
        cursor > input.sunset
      ) {
        sunsetWarnings.push({
          stripId: item.id,
          sceneId: item.sceneId,
          projectedEnd: fromMinutes(cursor),
          minutesAfterSunset: cursor - input.sunset,
        });
      }
    });
  }
  const hasPlan = strips.length > 0;
  return {
    mode,
    behindMinutes,
    projectedWrap: wrap !== null ? fromMinutes(wrap) : record || !hasPlan ? null : fromMinutes(cursor),
    wrapLogged: wrap !== null,
    plannedLunch: record ? null : plannedLunch,
    meal,
    sunsetWarnings,
    doneMinutes,
    remainingMinutes,
  };
}

function lastLogged(t: DayTimes): number | null {
  const all = [t.crewCall, t.firstShot, t.lunchCalled, t.lunchEnded, t.secondMealCalled, t.secondMealEnded];
  const known = all.filter((x): x is number => x !== null);
  return known.length ? Math.max(...known) : null;
}

/**
 * The live clock on strips alone (the shape older callers use): `now` is `HH:MM` on the day's clock and the
 * day's typed sunset (if any) is the sunset.
 */
export function dayStatus(
  day: ShootingDay,
  strips: readonly Strip[],
  log: readonly LogEntry[],
  scenes: readonly Scene[],
  now: string,
  options: DayOptions = DEFAULT_DAY_OPTIONS,
): DayStatus {
  return dayClock({
    day,
    items: strips.map((s) => ({ type: 'strip' as const, ...s })),
    log,
    scenes,
    mode: 'live',
    now: toMinutes(now),
    sunset: day.sunset ? toMinutes(day.sunset) : null,
    options,
  });
}
