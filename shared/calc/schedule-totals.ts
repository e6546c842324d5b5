/** Page totals per shooting day, strip colours, and shot totals per scene and per day. */
import type { Scene } from '../model/breakdown';
import type { Schedule, Strip } from '../model/schedule';
import type { Shot } from '../model/shotlist';
import { formatEighths } from './eighths';

export type StripColour = 'white' | 'yellow' | 'blue' | 'green';

/**
 * INT DAY white, EXT DAY yellow, INT NIGHT blue, EXT NIGHT green. INT/EXT counts as exterior (it needs the
 * light outside); DAWN reads as day and DUSK as night, the usual stripboard choice.
 */
export function stripColour(scene: Pick<Scene, 'intExt' | 'time'>): StripColour {
  const exterior = scene.intExt !== 'INT';
  const night = scene.time === 'NIGHT' || scene.time === 'DUSK';
  if (exterior) return night ? 'green' : 'yellow';
  return night ? 'blue' : 'white';
}

export function stripEighths(strip: Strip, scenes: ReadonlyMap<string, Scene>): number {
  return strip.eighths ?? scenes.get(strip.sceneId)?.eighths ?? 0;
}

export interface DayPages {
  dayId: string;
  /** 1-based among shooting days, in date order; 0 for a day off or travel day. */
  dayNumber: number;
  /** Shooting days in all ("Day 3 of 18"). */
  ofDays: number;
  date: string;
  strips: number;
  eighths: number;
  /** `4 3/8` */
  pages: string;
}

export interface PageTotals {
  days: DayPages[];
  scheduledEighths: number;
  boneyardEighths: number;
  totalEighths: number;
}

export function sceneIndex(scenes: readonly Scene[]): Map<string, Scene> {
  return new Map(scenes.map((s) => [s.id, s]));
}

/** Strips whose scene is not in `scenes` count zero eighths (the breakdown may not have synced yet). */
export function pageTotals(schedule: Schedule, scenes: readonly Scene[]): PageTotals {
  const byId = sceneIndex(scenes);
  const ofDays = schedule.days.filter((d) => d.kind === 'shoot').length;
  let n = 0;
  const days = schedule.days.map((day) => {
    const strips = schedule.strips.filter((s) => s.dayId === day.id);
    const eighths = strips.reduce((sum, s) => sum + stripEighths(s, byId), 0);
    return {
      dayId: day.id,
      dayNumber: day.kind === 'shoot' ? ++n : 0,
      ofDays,
      date: day.date,
      strips: strips.length,
      eighths,
      pages: formatEighths(eighths),
    };
  });
  const scheduledEighths = days.reduce((n, d) => n + d.eighths, 0);
  const boneyardEighths = schedule.strips
    .filter((s) => s.dayId === null)
    .reduce((n, s) => n + stripEighths(s, byId), 0);
  return { days, scheduledEighths, boneyardEighths, totalEighths: scheduledEighths + boneyardEighths };
}

export interface ShotTotals {
  /** Shots not cut. */
  shots: number;
  done: number;
  /** Setup plus shoot minutes of the shots not cut. */
  minutes: number;
  /** Minutes of the shots neither done nor cut. */
  remainingMinutes: number;
}

const EMPTY: ShotTotals = { shots: 0, done: 0, minutes: 0, remainingMinutes: 0 };

function add(t: ShotTotals, shot: Shot): ShotTotals {
  if (shot.status === 'cut') return t;
  const minutes = shot.setupMinutes + shot.shootMinutes;
  const done = shot.status === 'done';
  return {
    shots: t.shots + 1,
    done: t.done + (done ? 1 : 0),
    minutes: t.minutes + minutes,
    remainingMinutes: t.remainingMinutes + (done ? 0 : minutes),
  };
}

export function shotTotals(shots: readonly Shot[]): ShotTotals {
  return shots.reduce(add, EMPTY);
}

export function shotTotalsByScene(shots: readonly Shot[]): Map<string, ShotTotals> {
  const out = new Map<string, ShotTotals>();
  for (const shot of shots) out.set(shot.sceneId, add(out.get(shot.sceneId) ?? EMPTY, shot));
  return out;
}

/** Scene id -> the first day (by date) with a strip of it: the day a scene's shots count on. */
export function firstDayOfScenes(schedule: Schedule): Map<string, string> {
  const dayOfScene = new Map<string, string>();
  for (const day of schedule.days) {
    for (const strip of schedule.strips) {
      if (strip.dayId === day.id && !dayOfScene.has(strip.sceneId)) dayOfScene.set(strip.sceneId, day.id);
    }
  }
  return dayOfScene;
}

/**
 * Shot totals per shooting day. A scene's shots count on the first day (by date) that has a strip of it,
 * so a split scene's shots are not counted twice; shots of unscheduled scenes count nowhere.
 */
export function shotTotalsByDay(shots: readonly Shot[], schedule: Schedule): Map<string, ShotTotals> {
  const dayOfScene = firstDayOfScenes(schedule);
  const out = new Map<string, ShotTotals>(schedule.days.map((d) => [d.id, EMPTY]));
  for (const shot of shots) {
    const dayId = dayOfScene.get(shot.sceneId);
    if (dayId !== undefined) out.set(dayId, add(out.get(dayId) ?? EMPTY, shot));
  }
  return out;
}
