/**
 * Day out of days: for each cast member and shooting day, what the actor is paid for. SW start work, W work,
 * WF work finish, SWF start-work-finish on one day, H hold (paid, not working, between first and last work
 * day), D drop (off payroll during a long gap), PW pick-up work (first work day after a drop). Days off and
 * travel days of the schedule are columns too: `/` a day off and TR a travel day inside an actor's run
 * (travel days right before their first or after their last work day are TR as well: they travel in and out).
 */
import type { CastMember, Scene } from '../model/breakdown';
import type { DayKind, Schedule } from '../model/schedule';
import { daysBetween } from './clock';

export type DoodCode = 'SW' | 'W' | 'WF' | 'SWF' | 'H' | 'D' | 'PW' | '/' | 'TR';

export interface DropRule {
  /** Drop when more than this many calendar days pass between two work days (SAG-AFTRA uses 10). */
  minGapDays: number;
  /** How many drop/pick-ups one actor may have (SAG-AFTRA allows one). */
  maxDrops: number;
}

export const DEFAULT_DROP_RULE: DropRule = { minGapDays: 10, maxDrops: 1 };

export interface DoodRow {
  castId: string;
  /** One entry per shooting day in date order; null when the actor is not on payroll that day. */
  codes: (DoodCode | null)[];
  workDays: number;
  holdDays: number;
  dropDays: number;
  travelDays: number;
  start: string | null;
  finish: string | null;
}

/** `dropRule: null` never drops (every gap day is a hold). */
export function dayOutOfDays(
  schedule: Schedule,
  scenes: readonly Scene[],
  cast: readonly CastMember[],
  dropRule: DropRule | null = DEFAULT_DROP_RULE,
): DoodRow[] {
  const castOfScene = new Map(scenes.map((s) => [s.id, new Set(s.omitted ? [] : s.castIds)]));
  const days = schedule.days;
  return cast.map((member) => {
    const works = days.map(
      (day) =>
        day.kind === 'shoot' &&
        schedule.strips.some(
          (s) => s.dayId === day.id && castOfScene.get(s.sceneId)?.has(member.id) === true,
        ),
    );
    const first = works.indexOf(true);
    const last = works.lastIndexOf(true);
    const codes: (DoodCode | null)[] = days.map(() => null);
    if (first >= 0) {
      let drops = 0;
      let pickUp = false;
      for (let i = first; i <= last; i++) {
        if (works[i]) {
          codes[i] = pickUp ? 'PW' : 'W';
          pickUp = false;
          continue;
        }
        // a gap: find the next work day and decide hold or drop for the whole gap at once
        let next = i;
        while (!works[next]) next++;
        const gap = daysBetween(days[i - 1]!.date, days[next]!.date) - 1;
        const drop = dropRule !== null && drops < dropRule.maxDrops && gap > dropRule.minGapDays;
        for (let j = i; j < next; j++) codes[j] = drop ? 'D' : (notShooting(days[j]!.kind) ?? 'H');
        if (drop) {
          drops++;
          pickUp = true;
        }
        i = next - 1;
      }
      codes[first] = first === last ? 'SWF' : 'SW';
      if (last !== first) codes[last] = codes[last] === 'PW' ? 'PW' : 'WF';
      for (let j = first - 1; j >= 0 && days[j]!.kind !== 'shoot'; j--)
        if (days[j]!.kind === 'travel') codes[j] = 'TR';
      for (let j = last + 1; j < days.length && days[j]!.kind !== 'shoot'; j++)
        if (days[j]!.kind === 'travel') codes[j] = 'TR';
    }
    const count = (c: DoodCode) => codes.filter((x) => x === c).length;
    return {
      castId: member.id,
      codes,
      workDays: works.filter(Boolean).length,
      holdDays: count('H'),
      dropDays: count('D'),
      travelDays: count('TR'),
      start: first >= 0 ? days[first]!.date : null,
      finish: last >= 0 ? days[last]!.date : null,
    };
  });
}

function notShooting(kind: DayKind): DoodCode | null {
  return kind === 'off' ? '/' : kind === 'travel' ? 'TR' : null;
}
