/**
 * The live day, from the plan (the day's strips with their estimated minutes) and the AD's log:
 * minutes behind or ahead, projected wrap, the meal-penalty clock and sunset warnings for exterior strips.
 * All times are minutes since midnight of the shooting day (clock.ts), so a night shoot past 24:00 works.
 */
import type { Scene } from '../model/breakdown';
import type { LogEntry, LogKind, ShootingDay, Strip } from '../model/schedule';
import { fromMinutes, toMinutes } from './clock';

export interface DayOptions {
  /** Lunch is due this long after crew call (six hours is the rule). */
  mealDueMinutes: number;
  /** A penalty accrues for each started period of this length that lunch is late. */
  penaltyPeriodMinutes: number;
  /** Planned length of lunch when it has not happened yet. */
  lunchMinutes: number;
}

export const DEFAULT_DAY_OPTIONS: DayOptions = {
  mealDueMinutes: 360,
  penaltyPeriodMinutes: 30,
  lunchMinutes: 60,
};

export interface MealClock {
  /** When the (next) meal is due. */
  dueAt: string;
  /** Minutes until it is due; negative when overdue. Null once the meal was called in time or late. */
  minutesLeft: number | null;
  /** Penalty periods so far (a late lunch stops the count when it is called). */
  penalties: number;
}

export interface SunsetWarning {
  stripId: string;
  sceneId: string;
  projectedEnd: string;
  minutesAfterSunset: number;
}

export interface DayStatus {
  /** Minutes behind plan; negative means ahead. */
  behindMinutes: number;
  projectedWrap: string;
  meal: MealClock;
  sunsetWarnings: SunsetWarning[];
  doneMinutes: number;
  remainingMinutes: number;
}

function lastTime(log: readonly LogEntry[], kind: LogKind): number | null {
  const entries = log.filter((e) => e.kind === kind);
  // a correction is a later entry of the same kind, so the last one logged counts (log is sorted by time)
  return entries.length ? toMinutes(entries[entries.length - 1]!.at) : null;
}

/** Meal penalties for a day: periods late for the first meal, then for a second meal after lunch ended. */
export function mealClock(
  crewCall: number,
  lunchCalled: number | null,
  lunchEnded: number | null,
  now: number,
  options: DayOptions = DEFAULT_DAY_OPTIONS,
): MealClock {
  const periods = (late: number) => (late > 0 ? Math.ceil(late / options.penaltyPeriodMinutes) : 0);
  const firstDue = crewCall + options.mealDueMinutes;
  if (lunchCalled === null) {
    return { dueAt: fromMinutes(firstDue), minutesLeft: firstDue - now, penalties: periods(now - firstDue) };
  }
  const firstPenalties = periods(lunchCalled - firstDue);
  if (lunchEnded === null)
    return { dueAt: fromMinutes(firstDue), minutesLeft: null, penalties: firstPenalties };
  const secondDue = lunchEnded + options.mealDueMinutes;
  return {
    dueAt: fromMinutes(secondDue),
    minutesLeft: secondDue - now,
    penalties: firstPenalties + periods(now - secondDue),
  };
}

/**
 * `strips` are the day's strips in board order; `now` is `HH:MM`. Done and partial strips count as shot
 * (a partial strip's remainder is a strip of its own). Progress is measured from first shot (else shooting
 * call) minus the lunch actually taken; the remaining strips are projected back to back from now, with
 * lunch inserted at the first strip boundary at or after it falls due if it has not been called.
 */
export function dayStatus(
  day: ShootingDay,
  strips: readonly Strip[],
  log: readonly LogEntry[],
  scenes: readonly Scene[],
  now: string,
  options: DayOptions = DEFAULT_DAY_OPTIONS,
): DayStatus {
  const t = toMinutes(now);
  const dayLog = log.filter((e) => e.dayId === day.id);
  const crewCall = lastTime(dayLog, 'crew-call') ?? toMinutes(day.crewCall);
  const start = lastTime(dayLog, 'first-shot') ?? toMinutes(day.shootingCall);
  const lunchCalled = lastTime(dayLog, 'lunch-called');
  const lunchEnded = lastTime(dayLog, 'lunch-ended');
  const wrap = lastTime(dayLog, 'camera-wrap');
  const shot = (s: Strip) => s.status === 'done' || s.status === 'partial';
  const doneMinutes = strips.filter(shot).reduce((n, s) => n + s.minutes, 0);
  const remaining = strips.filter((s) => !shot(s));
  const remainingMinutes = remaining.reduce((n, s) => n + s.minutes, 0);
  const end = wrap ?? t;
  const lunchTaken =
    lunchCalled === null ? 0 : Math.max(0, (lunchEnded ?? Math.max(end, lunchCalled)) - lunchCalled);
  const elapsed = Math.max(0, end - start - lunchTaken);
  const behindMinutes = elapsed - doneMinutes;
  // the rest of a lunch in progress
  const lunchLeft =
    lunchCalled !== null && lunchEnded === null ? Math.max(0, lunchCalled + options.lunchMinutes - t) : 0;
  const from = Math.max(t, start);

  const sceneById = new Map(scenes.map((s) => [s.id, s]));
  const sunset = toMinutes(day.sunset);
  const sunsetWarnings: SunsetWarning[] = [];
  let cursor = from + lunchLeft;
  let lunchPlaced = lunchCalled !== null;
  for (const strip of remaining) {
    // plan lunch where it falls due, so a strip after lunch is projected after it
    if (!lunchPlaced && cursor >= crewCall + options.mealDueMinutes) {
      cursor += options.lunchMinutes;
      lunchPlaced = true;
    }
    cursor += strip.minutes;
    const scene = sceneById.get(strip.sceneId);
    if (wrap === null && scene && scene.intExt !== 'INT' && scene.time !== 'NIGHT' && cursor > sunset) {
      sunsetWarnings.push({
        stripId: strip.id,
        sceneId: strip.sceneId,
        projectedEnd: fromMinutes(cursor),
        minutesAfterSunset: cursor - sunset,
      });
    }
  }
  return {
    behindMinutes,
    projectedWrap: fromMinutes(wrap ?? cursor),
    meal: mealClock(crewCall, lunchCalled, lunchEnded, end, options),
    sunsetWarnings,
    doneMinutes,
    remainingMinutes,
  };
}
