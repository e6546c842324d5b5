/**
 * The call sheet board: what the AD types per shooting day (keyed by the schedule day's id) on top of what
 * `deriveCallSheet` (shared/calc/call-sheet.ts) takes from the schedule, the breakdown and the crew list.
 * Root types (see callsheet-types.ts for why single values sit under composite keys):
 * - `dayText`: `<dayId>/<weather|parking|basecamp|hospital|notes>` -> string
 * - `departmentNotes`: `<dayId>/<department>` -> string
 * - `callOverrides`: `<dayId>/<personId>` -> `HH:MM`
 * - `castTimes`: `<dayId>/<castId>/<pickup|hairMakeup|onSet>` -> `HH:MM`
 * - `background`: Y.Map id -> Y.Map {dayId, group, count, call, onSet, notes}
 * - `requirements`: Y.Map id -> Y.Map {dayId, sceneId, kind, text}
 * Clearing a value deletes its key, so "not typed" has one representation.
 */
import type * as Y from 'yjs';
import * as f from './fields';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { createEntity, entity, newId, setFields } from './ydoc';
import {
  CALLSHEET_LIMITS as LIMITS,
  CAST_TIME_SLOTS,
  DAY_TEXT_FIELDS,
  REQUIREMENT_KINDS,
  callSheetRoots,
  type BackgroundGroup,
  type CallSheetTyped,
  type CastTimeSlot,
  type DayTextField,
  type RequirementKind,
  type SpecialRequirement,
} from './callsheet-types';

export * from './callsheet-types';

const ID = '[A-Za-z0-9_-]{1,64}';
const DAY_TEXT_KEY = new RegExp(`^(${ID})/(${DAY_TEXT_FIELDS.join('|')})$`);
const DEPARTMENT_KEY = new RegExp(`^(${ID})/([^]{1,${LIMITS.lineMax}})$`);
const OVERRIDE_KEY = new RegExp(`^(${ID})/(${ID})$`);
const CAST_TIME_KEY = new RegExp(`^(${ID})/(${ID})/(${CAST_TIME_SLOTS.join('|')})$`);

const noteText = f.boundedString(LIMITS.noteMax);
const lineText = f.boundedString(LIMITS.lineMax);
const time = f.clockOrNull();

const BACKGROUND_FIELDS = {
  dayId: f.string(),
  group: lineText,
  count: f.integer(0, 0, LIMITS.countMax),
  call: time,
  onSet: time,
  notes: lineText,
};
const REQUIREMENT_FIELDS = {
  dayId: f.string(),
  sceneId: f.string(),
  kind: f.choice(REQUIREMENT_KINDS, 'other'),
  text: noteText,
};

/** What each root holds, for the readers and for damage.ts. */
export const CALLSHEET_SHAPE = {
  dayText: {
    type: 'values',
    key: (k) => DAY_TEXT_KEY.test(k),
    value: (k) => (k.endsWith('/notes') ? noteText : lineText),
  },
  departmentNotes: { type: 'values', key: (k) => DEPARTMENT_KEY.test(k), value: () => noteText },
  callOverrides: { type: 'values', key: (k) => OVERRIDE_KEY.test(k), value: () => f.clock('') },
  castTimes: { type: 'values', key: (k) => CAST_TIME_KEY.test(k), value: () => f.clock('') },
  background: { type: 'entities', fields: BACKGROUND_FIELDS, required: ['dayId'] },
  requirements: { type: 'entities', fields: REQUIREMENT_FIELDS, required: ['dayId', 'sceneId'] },
} as const satisfies f.DocShape;

// ---- operations ----

/** Writes `value` at `key`, or deletes the key for an empty value; an unchanged value is not rewritten. */
function putValue(map: Y.Map<unknown>, key: string, value: string): void {
  if (value === '') {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) {
    map.set(key, value);
  }
}

/** A typed time, or '' to clear it. */
function timeOrEmpty(field: string, value: unknown): string {
  const text = v.str(field, value, { max: 5 }).trim();
  return text === '' ? '' : v.clock(field, text);
}

export function setDayText(
  doc: Y.Doc,
  dayId: string,
  field: DayTextField,
  value: string,
  origin?: unknown,
): void {
  v.id('dayId', dayId);
  v.oneOf('field', field, DAY_TEXT_FIELDS);
  const text = v.str(field, value, { max: field === 'notes' ? LIMITS.noteMax : LIMITS.lineMax }).trim();
  writeBoard(doc, 'callsheet', origin, () =>
    putValue(callSheetRoots(doc).dayText, `${dayId}/${field}`, text),
  );
}

export function setDepartmentNote(
  doc: Y.Doc,
  dayId: string,
  department: string,
  note: string,
  origin?: unknown,
): void {
  v.id('dayId', dayId);
  const name = v.nonEmpty('department', department, LIMITS.lineMax).trim();
  const text = v.str('note', note, { max: LIMITS.noteMax }).trim();
  writeBoard(doc, 'callsheet', origin, () =>
    putValue(callSheetRoots(doc).departmentNotes, `${dayId}/${name}`, text),
  );
}

/** A person's call on the day, winning over crew call + their offset; '' goes back to the derived call. */
export function setCallOverride(
  doc: Y.Doc,
  dayId: string,
  personId: string,
  call: string,
  origin?: unknown,
): void {
  v.id('dayId', dayId);
  v.id('personId', personId);
  const value = timeOrEmpty('call', call);
  writeBoard(doc, 'callsheet', origin, () =>
    putValue(callSheetRoots(doc).callOverrides, `${dayId}/${personId}`, value),
  );
}

export function setCastTime(
  doc: Y.Doc,
  dayId: string,
  castId: string,
  slot: CastTimeSlot,
  value: string,
  origin?: unknown,
): void {
  v.id('dayId', dayId);
  v.id('castId', castId);
  v.oneOf('slot', slot, CAST_TIME_SLOTS);
  const text = timeOrEmpty(slot, value);
  writeBoard(doc, 'callsheet', origin, () =>
    putValue(callSheetRoots(doc).castTimes, `${dayId}/${castId}/${slot}`, text),
  );
}

export type BackgroundInput = Omit<BackgroundGroup, 'id'> & { dayId: string };

function validateBackground(input: Partial<BackgroundInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.dayId !== undefined) out.dayId = v.id('dayId', input.dayId);
  if (input.group !== undefined) out.group = v.nonEmpty('group', input.group, LIMITS.lineMax).trim();
  if (input.count !== undefined) out.count = v.int('count', input.count, 0, LIMITS.countMax);
  for (const key of ['call', 'onSet'] as const) {
    const value = input[key];
    if (value !== undefined) out[key] = value === null ? null : timeOrEmpty(key, value) || null;
  }
  if (input.notes !== undefined) out.notes = v.str('notes', input.notes, { max: LIMITS.lineMax }).trim();
  return out;
}

export function addBackground(
  doc: Y.Doc,
  input: Pick<BackgroundInput, 'dayId' | 'group'> & Partial<BackgroundInput> & { id?: string },
  origin?: unknown,
): string {
  const fields = validateBackground({ count: 0, call: null, onSet: null, notes: '', ...input });
  const id = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'callsheet', origin, () => {
    createEntity(callSheetRoots(doc).background, id, 'background group', fields);
    return id;
  });
}

export function updateBackground(
  doc: Y.Doc,
  id: string,
  patch: Partial<Omit<BackgroundInput, 'dayId'>>,
  origin?: unknown,
): void {
  const fields = validateBackground(patch);
  const e = entity(callSheetRoots(doc).background, id, 'background group');
  writeBoard(doc, 'callsheet', origin, () => setFields(e, fields));
}

export function deleteBackground(doc: Y.Doc, id: string, origin?: unknown): void {
  entity(callSheetRoots(doc).background, id, 'background group');
  writeBoard(doc, 'callsheet', origin, () => callSheetRoots(doc).background.delete(id));
}

export interface RequirementInput {
  dayId: string;
  sceneId: string;
  kind: RequirementKind;
  text: string;
}

function validateRequirement(input: Partial<RequirementInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.dayId !== undefined) out.dayId = v.id('dayId', input.dayId);
  if (input.sceneId !== undefined) out.sceneId = v.id('sceneId', input.sceneId);
  if (input.kind !== undefined) out.kind = v.oneOf('kind', input.kind, REQUIREMENT_KINDS);
  if (input.text !== undefined) out.text = v.nonEmpty('text', input.text, LIMITS.noteMax).trim();
  return out;
}

export function addRequirement(
  doc: Y.Doc,
  input: RequirementInput & { id?: string },
  origin?: unknown,
): string {
  const fields = validateRequirement(input);
  const id = input.id === undefined ? newId() : v.id('id', input.id);
  return writeBoard(doc, 'callsheet', origin, () => {
    createEntity(callSheetRoots(doc).requirements, id, 'requirement', fields);
    return id;
  });
}

export function updateRequirement(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<RequirementInput, 'kind' | 'text'>>,
  origin?: unknown,
): void {
  const fields = validateRequirement(patch);
  const e = entity(callSheetRoots(doc).requirements, id, 'requirement');
  writeBoard(doc, 'callsheet', origin, () => setFields(e, fields));
}

export function deleteRequirement(doc: Y.Doc, id: string, origin?: unknown): void {
  entity(callSheetRoots(doc).requirements, id, 'requirement');
  writeBoard(doc, 'callsheet', origin, () => callSheetRoots(doc).requirements.delete(id));
}

// ---- readers ----

/** Sound values of a values root whose key matches `pattern`, as [key groups..., value]. */
function* soundValues(
  map: Y.Map<unknown>,
  pattern: RegExp,
  rule: (key: string) => f.Field<unknown>,
): Generator<[string[], string]> {
  for (const [key, value] of map.entries()) {
    const m = pattern.exec(key);
    if (!m || f.isDamaged(rule(key), value)) continue;
    yield [m.slice(1), value as string];
  }
}

const compareBackground = (a: BackgroundGroup, b: BackgroundGroup): number =>
  (a.call ?? '99:99').localeCompare(b.call ?? '99:99') ||
  a.group.localeCompare(b.group) ||
  a.id.localeCompare(b.id);

/** Everything typed, by day id. Never throws on a damaged document: unsound values read as not typed. */
export function readCallSheet(doc: Y.Doc): Record<string, CallSheetTyped> {
  const roots = callSheetRoots(doc);
  const days: Record<string, CallSheetTyped> = {};
  const day = (id: string): CallSheetTyped => (days[id] ??= {});
  const shape = CALLSHEET_SHAPE;
  for (const [[dayId, field], value] of soundValues(roots.dayText, DAY_TEXT_KEY, shape.dayText.value)) {
    day(dayId!)[field as DayTextField] = value;
  }
  for (const [[dayId, dept], value] of soundValues(roots.departmentNotes, DEPARTMENT_KEY, () => noteText)) {
    (day(dayId!).departmentNotes ??= {})[dept!] = value;
  }
  for (const [[dayId, personId], value] of soundValues(roots.callOverrides, OVERRIDE_KEY, () =>
    f.clock(''),
  )) {
    (day(dayId!).callOverrides ??= {})[personId!] = value;
  }
  for (const [[dayId, castId, slot], value] of soundValues(roots.castTimes, CAST_TIME_KEY, () =>
    f.clock(''),
  )) {
    ((day(dayId!).castTimes ??= {})[castId!] ??= {})[slot as CastTimeSlot] = value;
  }
  for (const [id, e] of f.soundEntities(roots.background, shape.background)) {
    const { dayId, ...rest } = f.readFields(e, BACKGROUND_FIELDS);
    (day(dayId).background ??= []).push({ id, ...rest });
  }
  for (const [id, e] of f.soundEntities(roots.requirements, shape.requirements)) {
    const { dayId, ...rest } = f.readFields(e, REQUIREMENT_FIELDS);
    (day(dayId).requirements ??= []).push({ id, ...rest });
  }
  for (const typed of Object.values(days)) typed.background?.sort(compareBackground);
  return days;
}

const EMPTY_TYPED: CallSheetTyped = Object.freeze({}) as CallSheetTyped;

/** What is typed for the schedule day `dayId`, ready for `deriveCallSheet({typed})`. */
export function readCallSheetTyped(doc: Y.Doc, dayId: string): CallSheetTyped {
  return readCallSheet(doc)[dayId] ?? EMPTY_TYPED;
}

/** Requirements of one scene on one day, for the screen's per-scene editor. */
export function selectRequirements(typed: CallSheetTyped, sceneId: string): readonly SpecialRequirement[] {
  return (typed.requirements ?? []).filter((r) => r.sceneId === sceneId);
}
