/**
 * The daily production report board (`dpr`): what only the report holds, per shooting day (keyed by the
 * schedule day's id, so inserting a day never moves a report to another day). What can be derived (times from
 * the day log, pages from strips, setups from shots) is derived by shared/calc/dpr.ts; this document keeps
 * the AD's corrections of those figures and the parts typed on the report. Root types:
 * - `meta`: {schemaVersion, board} (the report has no settings of its own)
 * - `figures`: `<dayId>:<figure>` -> Y.Map {dayId, figure, value}: a correction of a derived figure, or a
 *   typed one (screen time, cards, rolls, notes). One entity per figure, so two people typing different
 *   figures never overwrite each other, and two typing one figure converge on one value.
 * - `cast`: `<dayId>:<castId>` -> Y.Map {dayId, castId, report, onSet, mealOut, mealIn, meal2Out, meal2In, dismissed}
 * - `background`: id -> Y.Map {dayId, group, count, in, out}
 * - `crew`: id -> Y.Map {dayId, department, count, in, out}
 * - `events`: id -> Y.Map {dayId, kind: delay|incident, at, minutes, text}
 * - `added`: id -> Y.Map {dayId, scene, eighths, status}: scenes shot that were not on the day's plan
 * Times are `HH:MM` on the shooting day's clock (hours to 47 after midnight), as the schedule's.
 */
import type * as Y from 'yjs';
import { ModelError } from './errors';
import * as f from './fields';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { createEntity, entityOrNull, newId, setFields, type EntityMap } from './ydoc';

/** Each figure of a day's report and what kind of value it holds. */
export const DPR_FIGURES = {
  crewCall: 'clock',
  firstShot: 'clock',
  lunchOut: 'clock',
  lunchIn: 'clock',
  firstShotAfterLunch: 'clock',
  secondMealOut: 'clock',
  secondMealIn: 'clock',
  cameraWrap: 'clock',
  crewWrap: 'clock',
  lastOut: 'clock',
  pagesPlanned: 'eighths',
  pagesShot: 'eighths',
  setupsPlanned: 'count',
  setupsShot: 'count',
  screenSeconds: 'seconds',
  cameraCards: 'count',
  soundRolls: 'count',
  notes: 'text',
} as const;
export type DprFigure = keyof typeof DPR_FIGURES;
export type FigureUnit = (typeof DPR_FIGURES)[DprFigure];
export const DPR_FIGURE_NAMES = Object.keys(DPR_FIGURES) as DprFigure[];

export const CAST_TIME_FIELDS = [
  'report',
  'onSet',
  'mealOut',
  'mealIn',
  'meal2Out',
  'meal2In',
  'dismissed',
] as const;
export type CastTimeField = (typeof CAST_TIME_FIELDS)[number];
export type DprCastTimes = Record<CastTimeField, string | null>;

export const DPR_EVENT_KINDS = ['delay', 'incident'] as const;
export type DprEventKind = (typeof DPR_EVENT_KINDS)[number];
export const ADDED_SCENE_STATUSES = ['completed', 'partial'] as const;
export type AddedSceneStatus = (typeof ADDED_SCENE_STATUSES)[number];

const MAX_COUNT = 100_000;
const MAX_NOTES = 5_000;

export interface FigureValue {
  dayId: string;
  figure: DprFigure;
  value: string | number;
}
export interface DprCastRow extends DprCastTimes {
  id: string;
  dayId: string;
  castId: string;
}
export interface DprBackground {
  id: string;
  dayId: string;
  group: string;
  count: number;
  in: string | null;
  out: string | null;
}
export interface DprCrew {
  id: string;
  dayId: string;
  department: string;
  count: number;
  in: string | null;
  out: string | null;
}
export interface DprEvent {
  id: string;
  dayId: string;
  kind: DprEventKind;
  at: string;
  /** Minutes lost (a delay); 0 when none. */
  minutes: number;
  text: string;
}
export interface DprAddedScene {
  id: string;
  dayId: string;
  /** The scene's number as the script has it (`12A`). */
  scene: string;
  eighths: number;
  status: AddedSceneStatus;
}

/** Everything the board holds, every day. */
export interface DprData {
  figures: FigureValue[];
  cast: DprCastRow[];
  background: DprBackground[];
  crew: DprCrew[];
  events: DprEvent[];
  added: DprAddedScene[];
}

/** One day's typed parts (the input of shared/calc/dpr.ts). */
export type DprDayTyped = {
  figures: Partial<Record<DprFigure, string | number>>;
} & Omit<DprData, 'figures'>;

export function dprRoots(doc: Y.Doc) {
  return {
    figures: doc.getMap('figures') as EntityMap,
    cast: doc.getMap('cast') as EntityMap,
    background: doc.getMap('background') as EntityMap,
    crew: doc.getMap('crew') as EntityMap,
    events: doc.getMap('events') as EntityMap,
    added: doc.getMap('added') as EntityMap,
  };
}

/** Whether `value` is what a figure of `unit` may hold. */
export function isFigureValue(unit: FigureUnit, value: unknown): boolean {
  switch (unit) {
    case 'clock':
      return f.isClock(value);
    case 'text':
      return typeof value === 'string' && value.length <= MAX_NOTES;
    default:
      return f.isNumberIn(value, 0, MAX_COUNT) && Number.isInteger(value);
  }
}

const clockOrNull = (): f.Field<string | null> => ({
  kind: 'plain',
  read: (x) => (x === null || f.isClock(x) ? (x as string | null) : undefined),
  fallback: null,
});

const FIGURE_FIELDS = {
  dayId: f.string(),
  figure: f.choice(DPR_FIGURE_NAMES, 'notes'),
  value: {
    kind: 'plain',
    read: (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? x : undefined),
    fallback: '',
  } as f.Field<string | number>,
};
const CAST_FIELDS = {
  dayId: f.string(),
  castId: f.string(),
  ...(Object.fromEntries(CAST_TIME_FIELDS.map((k) => [k, clockOrNull()])) as Record<
    CastTimeField,
    f.Field<string | null>
  >),
};
const BACKGROUND_FIELDS = {
  dayId: f.string(),
  group: f.string(),
  count: f.integer(0, 0, MAX_COUNT),
  in: clockOrNull(),
  out: clockOrNull(),
};
const CREW_FIELDS = {
  dayId: f.string(),
  department: f.string(),
  count: f.integer(0, 0, MAX_COUNT),
  in: clockOrNull(),
  out: clockOrNull(),
};
const EVENT_FIELDS = {
  dayId: f.string(),
  kind: f.choice(DPR_EVENT_KINDS, 'delay'),
  at: f.clock('00:00'),
  minutes: f.integer(0, 0, 48 * 60),
  text: f.string(),
};
const ADDED_FIELDS = {
  dayId: f.string(),
  scene: f.string(),
  eighths: f.integer(0, 0, 8 * 200),
  status: f.choice(ADDED_SCENE_STATUSES, 'completed'),
};

/** A figure whose value does not fit its kind (a time that is a number) is skipped whole. */
const figureFits = (values: Record<string, unknown>): boolean =>
  isFigureValue(DPR_FIGURES[values.figure as DprFigure], values.value);

/** What each root holds, for the readers and for damage.ts. Every row needs its day. */
export const DPR_SHAPE = {
  figures: {
    type: 'entities',
    fields: FIGURE_FIELDS,
    required: ['dayId', 'figure', 'value'],
    check: figureFits,
  },
  cast: { type: 'entities', fields: CAST_FIELDS, required: ['dayId', 'castId'] },
  background: { type: 'entities', fields: BACKGROUND_FIELDS, required: ['dayId'] },
  crew: { type: 'entities', fields: CREW_FIELDS, required: ['dayId'] },
  events: { type: 'entities', fields: EVENT_FIELDS, required: ['dayId', 'at'] },
  added: { type: 'entities', fields: ADDED_FIELDS, required: ['dayId', 'scene'] },
} as const satisfies f.DocShape;

const figureKey = (dayId: string, figure: DprFigure) => `${dayId}:${figure}`;
const optionalClock = (field: string, value: unknown) => v.nullable(value, (x) => v.clock(field, x));

/** Validates one figure's value: times `HH:MM`, counts whole numbers, notes text. */
export function validateFigure(figure: DprFigure, value: unknown): string | number {
  const unit = DPR_FIGURES[v.oneOf('figure', figure, DPR_FIGURE_NAMES)];
  if (unit === 'clock') return v.clock(figure, value);
  if (unit === 'text') return v.str(figure, value, { max: MAX_NOTES });
  return v.int(figure, value, 0, MAX_COUNT);
}

/**
 * Sets one figure of a day: a correction of a derived figure (it then wins over the derived value) or a
 * typed one. `null` removes it, so a derived figure goes back to what the boards say.
 */
export function setDprFigure(
  doc: Y.Doc,
  dayId: string,
  figure: DprFigure,
  value: string | number | null,
  origin?: unknown,
): void {
  const day = v.id('dayId', dayId);
  const checked = value === null ? null : validateFigure(figure, value);
  const { figures } = dprRoots(doc);
  const key = figureKey(day, figure);
  writeBoard(doc, 'dpr', origin, () => {
    const existing = entityOrNull(figures, key);
    if (checked === null) figures.delete(key);
    else if (existing) setFields(existing, { dayId: day, figure, value: checked });
    else createEntity(figures, key, 'figure', { dayId: day, figure, value: checked });
  });
}

/** Sets some of a cast member's times on a day; `null` clears one. */
export function setDprCastTimes(
  doc: Y.Doc,
  dayId: string,
  castId: string,
  patch: Partial<DprCastTimes>,
  origin?: unknown,
): void {
  const day = v.id('dayId', dayId);
  const cast = v.id('castId', castId);
  const fields: Partial<DprCastTimes> = {};
  for (const key of CAST_TIME_FIELDS) {
    if (patch[key] !== undefined) fields[key] = optionalClock(key, patch[key]);
  }
  const { cast: map } = dprRoots(doc);
  const key = `${day}:${cast}`;
  writeBoard(doc, 'dpr', origin, () => {
    const existing = entityOrNull(map, key);
    if (existing) setFields(existing, fields);
    else createEntity(map, key, 'cast times', { dayId: day, castId: cast, ...fields });
  });
}

type RowRoot = 'background' | 'crew' | 'events' | 'added';
type RowInput = {
  background: Omit<DprBackground, 'id' | 'dayId'>;
  crew: Omit<DprCrew, 'id' | 'dayId'>;
  events: Omit<DprEvent, 'id' | 'dayId'>;
  added: Omit<DprAddedScene, 'id' | 'dayId'>;
};

const ROW_KIND: Record<RowRoot, string> = {
  background: 'background group',
  crew: 'crew department',
  events: 'delay or incident',
  added: 'added scene',
};

/** Validates the given fields of a typed row; the rest are left out. */
function validateRow<R extends RowRoot>(root: R, input: Partial<RowInput[R]>): Partial<RowInput[R]> {
  const x = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const has = (k: string) => x[k] !== undefined;
  if (has('group')) out.group = v.nonEmpty('group', x.group, 120).trim();
  if (has('department')) out.department = v.nonEmpty('department', x.department, 80).trim();
  if (has('count')) out.count = v.int('count', x.count, 0, MAX_COUNT);
  if (has('in')) out.in = optionalClock('in', x.in);
  if (has('out')) out.out = optionalClock('out', x.out);
  if (has('kind')) out.kind = v.oneOf('kind', x.kind, DPR_EVENT_KINDS);
  if (has('at')) out.at = v.clock('at', x.at);
  if (has('minutes')) out.minutes = v.int('minutes', x.minutes, 0, 48 * 60);
  if (has('text')) out.text = v.nonEmpty('text', x.text, 2_000).trim();
  if (has('scene')) out.scene = v.nonEmpty('scene', x.scene, 12).trim().toUpperCase();
  if (has('eighths')) out.eighths = v.int('eighths', x.eighths, 0, 8 * 200);
  if (has('status')) out.status = v.oneOf('status', x.status, ADDED_SCENE_STATUSES);
  const allowed = Object.keys(DPR_SHAPE[root].fields).filter((k) => k !== 'dayId');
  for (const key of Object.keys(x)) {
    if (!allowed.includes(key)) throw new ModelError(key, `is not a field of a ${ROW_KIND[root]}`);
  }
  return out as Partial<RowInput[R]>;
}

const ROW_REQUIRED: Record<RowRoot, readonly string[]> = {
  background: ['group', 'count'],
  crew: ['department', 'count'],
  events: ['kind', 'at', 'text'],
  added: ['scene', 'eighths'],
};

/** Adds a background group, a department's crew count, a delay or incident, or an added scene to a day. */
export function addDprRow<R extends RowRoot>(
  doc: Y.Doc,
  root: R,
  dayId: string,
  input: RowInput[R] | Partial<RowInput[R]>,
  origin?: unknown,
): string {
  const day = v.id('dayId', dayId);
  const fields = validateRow(root, input);
  for (const key of ROW_REQUIRED[root]) {
    if ((fields as Record<string, unknown>)[key] === undefined) throw new ModelError(key, 'is required');
  }
  const id = newId();
  writeBoard(doc, 'dpr', origin, () => {
    createEntity(dprRoots(doc)[root], id, ROW_KIND[root], { dayId: day, ...fields });
  });
  return id;
}

export function updateDprRow<R extends RowRoot>(
  doc: Y.Doc,
  root: R,
  id: string,
  patch: Partial<RowInput[R]>,
  origin?: unknown,
): void {
  const fields = validateRow(root, patch);
  const e = entityOrNull(dprRoots(doc)[root], id);
  if (!e) throw new ModelError(ROW_KIND[root], `no ${ROW_KIND[root]} with id ${id}`);
  writeBoard(doc, 'dpr', origin, () => setFields(e, fields));
}

export function deleteDprRow(doc: Y.Doc, root: RowRoot, id: string, origin?: unknown): void {
  const map = dprRoots(doc)[root];
  if (!entityOrNull(map, id)) throw new ModelError(ROW_KIND[root], `no ${ROW_KIND[root]} with id ${id}`);
  writeBoard(doc, 'dpr', origin, () => map.delete(id));
}

function readRows<F extends f.Fields>(map: EntityMap, shape: f.EntityShape<F>) {
  return f
    .soundEntities(map, shape as unknown as f.EntityShape)
    .map(([id, e]) => ({ id, ...f.readFields(e, shape.fields) }));
}

export function readDpr(doc: Y.Doc): DprData {
  const r = dprRoots(doc);
  const byTime = (a: DprEvent, b: DprEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);
  return {
    figures: readRows(r.figures, DPR_SHAPE.figures).map(({ dayId, figure, value }) => ({
      dayId,
      figure,
      value,
    })),
    cast: readRows(r.cast, DPR_SHAPE.cast),
    background: readRows(r.background, DPR_SHAPE.background),
    crew: readRows(r.crew, DPR_SHAPE.crew),
    events: readRows(r.events, DPR_SHAPE.events).sort(byTime),
    added: readRows(r.added, DPR_SHAPE.added),
  };
}

/** Pure selector: what is typed for one day. */
export function selectDprDay(data: DprData, dayId: string): DprDayTyped {
  const figures: Partial<Record<DprFigure, string | number>> = {};
  for (const x of data.figures) if (x.dayId === dayId) figures[x.figure] = x.value;
  const ofDay = <T extends { dayId: string }>(rows: readonly T[]) => rows.filter((x) => x.dayId === dayId);
  return {
    figures,
    cast: ofDay(data.cast),
    background: ofDay(data.background),
    crew: ofDay(data.crew),
    events: ofDay(data.events),
    added: ofDay(data.added),
  };
}

export const EMPTY_DPR: DprData = { figures: [], cast: [], background: [], crew: [], events: [], added: [] };
