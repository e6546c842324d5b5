/**
 * Plain types and root types of the call sheet document (layout and operations in callsheet.ts): what is
 * typed per shooting day on top of what the schedule, breakdown and crew list already hold.
 */
import type * as Y from 'yjs';
import { metaMap } from './schema-version';
import type { EntityMap } from './ydoc';

/** The day's free-text lines, one value each. */
export const DAY_TEXT_FIELDS = ['weather', 'parking', 'basecamp', 'hospital', 'notes'] as const;
export type DayTextField = (typeof DAY_TEXT_FIELDS)[number];

/** The times typed for one cast member on the day. */
export const CAST_TIME_SLOTS = ['pickup', 'hairMakeup', 'onSet'] as const;
export type CastTimeSlot = (typeof CAST_TIME_SLOTS)[number];

export const REQUIREMENT_KINDS = ['vehicles', 'stunts', 'animals', 'sfx', 'other'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

export const REQUIREMENT_LABELS: Record<RequirementKind, string> = {
  vehicles: 'Vehicles',
  stunts: 'Stunts',
  animals: 'Animals',
  sfx: 'Special effects',
  other: 'Other',
};

/** Longest typed line (weather, parking, basecamp, hospital) and longest note. */
export const CALLSHEET_LIMITS = { lineMax: 300, noteMax: 2_000, countMax: 10_000 } as const;

/** Times typed for one cast member on the day, `HH:MM`. */
export type CastTimes = Partial<Record<CastTimeSlot, string>>;

/** One background (extras) group called on the day. */
export interface BackgroundGroup {
  id: string;
  /** "Harbour workers", "Pub drinkers". */
  group: string;
  count: number;
  /** `HH:MM`, or null while not typed. */
  call: string | null;
  onSet: string | null;
  notes: string;
}

/** A special requirement of one scene on the day: a picture vehicle, a stunt, an animal. */
export interface SpecialRequirement {
  id: string;
  /** Breakdown scene id. */
  sceneId: string;
  kind: RequirementKind;
  text: string;
}

/** What is typed for one day on the call sheet board; every part optional. */
export interface CallSheetTyped {
  weather?: string;
  parking?: string;
  basecamp?: string;
  /** Replaces every location's nearest hospital on this day's sheet. */
  hospital?: string;
  notes?: string;
  /** Department name → note. */
  departmentNotes?: Record<string, string>;
  /** Person id → their call `HH:MM`, winning over crew call + offset. */
  callOverrides?: Record<string, string>;
  /** Breakdown cast id → their times. */
  castTimes?: Record<string, CastTimes>;
  /** In call order. */
  background?: BackgroundGroup[];
  requirements?: SpecialRequirement[];
}

/**
 * The roots. Typed single values live in flat maps under composite keys (`<dayId>/<field>`,
 * `<dayId>/<department>`, `<dayId>/<personId>`, `<dayId>/<castId>/<slot>`) rather than in a per-day Y.Map:
 * two tablets typing the first values of a day at once would each create that day's map and one would lose
 * its edits; a flat key can only collide on the same cell. Groups and requirements are entities.
 */
export function callSheetRoots(doc: Y.Doc) {
  return {
    meta: metaMap(doc),
    dayText: doc.getMap('dayText') as Y.Map<unknown>,
    departmentNotes: doc.getMap('departmentNotes') as Y.Map<unknown>,
    callOverrides: doc.getMap('callOverrides') as Y.Map<unknown>,
    castTimes: doc.getMap('castTimes') as Y.Map<unknown>,
    background: doc.getMap('background') as EntityMap,
    requirements: doc.getMap('requirements') as EntityMap,
  };
}
