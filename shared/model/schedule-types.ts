/** Plain types, enums and root types of the schedule document (layout in schedule.ts). */
import type * as Y from 'yjs';
import type { EntityMap } from './ydoc';

export const STRIP_STATUSES = ['planned', 'shooting', 'done', 'partial'] as const;
export type StripStatus = (typeof STRIP_STATUSES)[number];

export const LOG_KINDS = [
  'crew-call',
  'first-shot',
  'lunch-called',
  'lunch-ended',
  'second-meal-called',
  'second-meal-ended',
  'company-move-start',
  'company-move-end',
  'camera-wrap',
  'crew-wrap',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/**
 * Kinds that happen once a shooting day. Their entry is stored under a key made of the day and the kind, so
 * two tablets logging one at the same moment write the same key and converge on one entry.
 */
export const ONCE_A_DAY_KINDS = [
  'crew-call',
  'first-shot',
  'lunch-called',
  'lunch-ended',
  'camera-wrap',
] as const satisfies readonly LogKind[];

export function isOnceADay(kind: LogKind): boolean {
  return (ONCE_A_DAY_KINDS as readonly string[]).includes(kind);
}

/** A shooting day, a day off (DOOD `/`) or a travel day (DOOD `TR`); the last two hold no strips. */
export const DAY_KINDS = ['shoot', 'off', 'travel'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export interface ShootingDay {
  id: string;
  date: string;
  kind: DayKind;
  /** Times of the shooting day `HH:MM`; hours past 23 mean after midnight (validate.ts clock). */
  crewCall: string;
  shootingCall: string;
  /** Typed sunrise and sunset; '' means "use the computed value" (calc/sun.ts). */
  sunrise: string;
  sunset: string;
  notes: string;
  /** Started with "Start day": the clock runs on this day even when its date is not today (a night shoot). */
  started: boolean;
}

export interface Place {
  /** null: the boneyard (unscheduled). */
  dayId: string | null;
  order: string;
}

export interface Strip extends Place {
  id: string;
  sceneId: string;
  status: StripStatus;
  /** Part of a split scene (1, 2 ...), or null when the strip is the whole scene. */
  part: number | null;
  /** Pages of this part in eighths; null means the scene's whole length. */
  eighths: number | null;
  /** Estimated shooting minutes, the plan that behind/ahead is measured against. */
  minutes: number;
}

export interface Banner extends Place {
  id: string;
  text: string;
  /** Planned minutes the banner takes out of the day (a company move); 0 for a plain label. */
  minutes: number;
}

export interface Author {
  id: string;
  name: string;
}

export interface LogEntry {
  id: string;
  dayId: string;
  kind: LogKind;
  at: string;
  /** Who logged it. */
  author: Author;
  /** Who last corrected it; null when never corrected. */
  changedBy: Author | null;
  note: string;
}

export interface ScheduleSettings {
  /** IANA time zone of the production ('' until someone sets it: devices use their own). */
  timeZone: string;
  /** Weekdays not worked, 0 = Sunday ... 6 = Saturday. */
  daysOff: number[];
}

export const DEFAULT_DAYS_OFF = [6, 0];

export interface Schedule {
  days: ShootingDay[];
  strips: Strip[];
  banners: Banner[];
  log: LogEntry[];
  settings: ScheduleSettings;
}

/** A new day: date and calls are required; the rest defaults (a shooting day, computed sun times). */
export type DayInput = Pick<ShootingDay, 'date' | 'crewCall' | 'shootingCall'> &
  Partial<Pick<ShootingDay, 'kind' | 'sunrise' | 'sunset' | 'notes' | 'started'>>;
export type DayPatch = Partial<Omit<ShootingDay, 'id'>>;
export type StripInput = Omit<Strip, 'id' | 'dayId' | 'order'>;

export function scheduleRoots(doc: Y.Doc) {
  return {
    days: doc.getMap('days') as EntityMap,
    strips: doc.getMap('strips') as EntityMap,
    banners: doc.getMap('banners') as EntityMap,
    /** Day log entries by id (once-a-day kinds by `once_<dayId>_<kind>`). Schema v3. */
    dayLog: doc.getMap('dayLog') as EntityMap,
    /** {timeZone, daysOff}. Schema v3. */
    settings: doc.getMap('scheduleSettings'),
    /** Schema v2's append-only log; emptied by the v3 migration. */
    legacyLog: doc.getArray('log') as Y.Array<unknown>,
  };
}

/** A schedule document nobody has written yet (also the snapshot before the document loads). */
export const EMPTY_SCHEDULE: Schedule = {
  days: [],
  strips: [],
  banners: [],
  log: [],
  settings: { timeZone: '', daysOff: DEFAULT_DAYS_OFF },
};
