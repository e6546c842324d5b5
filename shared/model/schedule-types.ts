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
  'camera-wrap',
  'company-move',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface ShootingDay {
  id: string;
  date: string;
  /** Times of the shooting day `HH:MM`; hours past 23 mean after midnight (validate.ts clock). */
  crewCall: string;
  shootingCall: string;
  sunset: string;
  notes: string;
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
  author: Author;
  note: string;
}

export interface Schedule {
  days: ShootingDay[];
  strips: Strip[];
  banners: Banner[];
  log: LogEntry[];
}

export type DayInput = Omit<ShootingDay, 'id'>;
export type StripInput = Omit<Strip, 'id' | 'dayId' | 'order'>;

export function scheduleRoots(doc: Y.Doc) {
  return {
    days: doc.getMap('days') as EntityMap,
    strips: doc.getMap('strips') as EntityMap,
    banners: doc.getMap('banners') as EntityMap,
    log: doc.getArray('log') as Y.Array<LogEntry>,
  };
}
