/**
 * The AD's stripboard. Root types (schema v3):
 * - `days`: Y.Map dayId -> Y.Map {date, kind, crewCall, shootingCall, sunrise, sunset, notes, started}
 * - `strips`: Y.Map stripId -> Y.Map {sceneId, place, status, part, eighths, minutes}
 * - `banners`: Y.Map bannerId -> Y.Map {text, minutes, place}
 * - `dayLog`: Y.Map entryId -> Y.Map {dayId, kind, at, note, author, changedBy}; a once-a-day kind is stored
 *   under `once_<dayId>_<kind>`, so two tablets logging lunch at once write one key and keep one entry
 * - `scheduleSettings`: Y.Map {timeZone, daysOff}
 * `place` is one plain value {dayId | null (boneyard), order}: a move rewrites both at once, so two ADs
 * dragging the same strip to different days end with the strip in exactly one place.
 */
import * as Y from 'yjs';
import { addDays, isTimeZone, nextWorkingDay } from '../calc/clock';
import { ModelError } from './errors';
import * as f from './fields';
import { compareOrdered, isOrderKey, keyAfter } from './order-keys';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { asString, createEntity, entity, entityOrNull, entries, newId, setFields, type Entity } from './ydoc';
import {
  DAY_KINDS,
  DEFAULT_DAYS_OFF,
  LOG_KINDS,
  STRIP_STATUSES,
  isOnceADay,
  scheduleRoots,
  type Author,
  type Banner,
  type DayInput,
  type DayKind,
  type DayPatch,
  type LogEntry,
  type LogKind,
  type Place,
  type Schedule,
  type ScheduleSettings,
  type ShootingDay,
  type Strip,
  type StripInput,
  type StripStatus,
} from './schedule-types';

export * from './schedule-types';

const optionalClock = (field: string, value: unknown) => (value === '' ? '' : v.clock(field, value));

function validateDay(input: DayPatch): DayPatch {
  const out: DayPatch = {};
  if (input.date !== undefined) out.date = v.isoDate('date', input.date);
  if (input.kind !== undefined) out.kind = v.oneOf('kind', input.kind, DAY_KINDS);
  if (input.crewCall !== undefined) out.crewCall = v.clock('crewCall', input.crewCall);
  if (input.shootingCall !== undefined) out.shootingCall = v.clock('shootingCall', input.shootingCall);
  if (input.sunrise !== undefined) out.sunrise = optionalClock('sunrise', input.sunrise);
  if (input.sunset !== undefined) out.sunset = optionalClock('sunset', input.sunset);
  if (input.notes !== undefined) out.notes = v.str('notes', input.notes, { max: 2_000 });
  if (input.started !== undefined) out.started = v.bool('started', input.started);
  return out;
}

/** Rules across fields and days: one day per date, shooting call not before crew call. */
function checkDayRules(doc: Y.Doc, dayId: string | null, day: Omit<ShootingDay, 'id'>): void {
  const clash = readSchedule(doc).days.find((d) => d.date === day.date && d.id !== dayId);
  if (clash) throw new ModelError('date', `${day.date} is already ${dayLabel(readSchedule(doc), clash.id)}`);
  if (day.shootingCall < day.crewCall) {
    throw new ModelError(
      'shootingCall',
      `shooting call ${day.shootingCall} is before crew call ${day.crewCall}`,
    );
  }
}

/** "Day 3" for a shooting day (numbered among shooting days only), "the day off" / "the travel day" else. */
export function dayLabel(schedule: Schedule, dayId: string): string {
  const day = schedule.days.find((d) => d.id === dayId);
  if (!day) return 'a deleted day';
  if (day.kind === 'off') return `the day off on ${day.date}`;
  if (day.kind === 'travel') return `the travel day on ${day.date}`;
  const n = schedule.days.filter((d) => d.kind === 'shoot' && d.date <= day.date).length;
  return `Day ${n}`;
}

export function addDay(doc: Y.Doc, input: DayInput & { id?: string }, origin?: unknown): string {
  const fields = validateDay({
    kind: 'shoot',
    sunrise: '',
    sunset: '',
    notes: '',
    started: false,
    ...input,
  }) as Omit<ShootingDay, 'id'>;
  for (const key of ['date', 'crewCall', 'shootingCall'] as const) {
    if (fields[key] === undefined) throw new ModelError(key, 'is required');
  }
  const dayId = input.id === undefined ? newId() : v.id('id', input.id);
  checkDayRules(doc, null, fields);
  const { days } = scheduleRoots(doc);
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(days, dayId, 'day', fields);
    return dayId;
  });
}

function stripsOn(doc: Y.Doc, dayId: string): Strip[] {
  return readSchedule(doc).strips.filter((s) => s.dayId === dayId);
}

/**
 * Edit a day: date (one that exists and no other day has), calls `HH:MM` (past 23 for a night shoot),
 * typed sunrise/sunset ('' for the computed ones), notes, kind. A day that still holds strips cannot become
 * a day off or travel day: its strips would have nowhere to be.
 */
export function updateDay(doc: Y.Doc, dayId: string, patch: DayPatch, origin?: unknown): void {
  const fields = validateDay(patch);
  const e = entity(scheduleRoots(doc).days, dayId, 'day');
  const current = readSchedule(doc).days.find((d) => d.id === dayId)!;
  checkDayRules(doc, dayId, { ...current, ...fields });
  if (fields.kind !== undefined && fields.kind !== 'shoot') {
    const held = stripsOn(doc, dayId).length;
    if (held > 0) {
      throw new ModelError(
        'kind',
        `${dayLabel(readSchedule(doc), dayId)} holds ${held} strip${held === 1 ? '' : 's'}: move them to another day or the boneyard first`,
      );
    }
  }
  writeBoard(doc, 'schedule', origin, () => {
    if (fields.started === true) clearStarted(doc, dayId);
    setFields(e, {
      ...fields,
      ...(fields.kind !== undefined && fields.kind !== 'shoot' ? { started: false } : {}),
    });
  });
}

function clearStarted(doc: Y.Doc, except: string): void {
  for (const [id, day] of entries(scheduleRoots(doc).days)) {
    if (id !== except && day.get('started') === true) day.set('started', false);
  }
}

/** "Start day": the clock runs on this day (and no other) whatever its date; false stops it. */
export function setDayStarted(doc: Y.Doc, dayId: string, started: boolean, origin?: unknown): void {
  const day = readSchedule(doc).days.find((d) => d.id === dayId);
  if (!day) throw new ModelError('day', `no day with id ${dayId}`);
  if (started && day.kind !== 'shoot')
    throw new ModelError('started', `${dayLabel(readSchedule(doc), dayId)} is not a shooting day`);
  updateDay(doc, dayId, { started }, origin);
}

/**
 * Insert a day before or after another. The new day takes that day's calls; before: its date, after: the
 * next working day (a day off or travel day: the next calendar day). Later days that would then share or
 * precede a date move on, each to the next working day after the one before it; gaps (a hiatus) stay.
 */
export function insertDay(
  doc: Y.Doc,
  input: { dayId: string; position: 'before' | 'after'; kind?: DayKind; id?: string },
  origin?: unknown,
): string {
  const schedule = readSchedule(doc);
  const anchor = schedule.days.find((d) => d.id === input.dayId);
  if (!anchor) throw new ModelError('dayId', `no day with id ${input.dayId}`);
  const position = v.oneOf('position', input.position, ['before', 'after'] as const);
  const kind = v.oneOf('kind', input.kind ?? 'shoot', DAY_KINDS);
  const newDayId = input.id === undefined ? newId() : v.id('id', input.id);
  if (scheduleRoots(doc).days.has(newDayId))
    throw new ModelError('id', `a day with id ${newDayId} already exists`);
  const { daysOff } = schedule.settings;
  const step = (date: string, k: DayKind) =>
    k === 'shoot' ? nextWorkingDay(date, daysOff) : addDays(date, 1);
  const date = position === 'before' ? anchor.date : step(anchor.date, kind);
  // days from the new date on, in date order, are pushed on while they collide
  const moves: { id: string; date: string }[] = [];
  let previous = date;
  for (const day of schedule.days.filter((d) => d.date >= date)) {
    if (day.date > previous) break;
    previous = step(previous, day.kind);
    moves.push({ id: day.id, date: previous });
  }
  const { days } = scheduleRoots(doc);
  return writeBoard(doc, 'schedule', origin, () => {
    for (const move of moves.reverse()) entityOrNull(days, move.id)?.set('date', move.date);
    createEntity(days, newDayId, 'day', {
      date,
      kind,
      crewCall: anchor.crewCall,
      shootingCall: anchor.shootingCall,
      sunrise: '',
      sunset: '',
      notes: '',
      started: false,
    } satisfies Omit<ShootingDay, 'id'>);
    return newDayId;
  });
}

/** Removes a day; its strips and banners go to the boneyard (a strip is never lost with its day). */
export function deleteDay(doc: Y.Doc, dayId: string, origin?: unknown): void {
  const { days, strips, banners } = scheduleRoots(doc);
  entity(days, dayId, 'day');
  const boneyard = ordered(doc, null);
  writeBoard(doc, 'schedule', origin, () => {
    let after = boneyard.at(-1)?.id ?? null;
    const all = [...boneyard];
    for (const item of ordered(doc, dayId)) {
      const order = keyAfter(all, after, doc.clientID);
      const target = entityOrNull(strips, item.id) ?? entityOrNull(banners, item.id);
      target?.set('place', { dayId: null, order } satisfies Place);
      all.push({ id: item.id, key: order });
      after = item.id;
    }
    days.delete(dayId);
  });
}

/** The production's time zone ('' clears it) and weekdays off (0 = Sunday ... 6 = Saturday). */
export function setScheduleSettings(doc: Y.Doc, patch: Partial<ScheduleSettings>, origin?: unknown): void {
  const out: Partial<ScheduleSettings> = {};
  if (patch.timeZone !== undefined) {
    const tz = v.str('timeZone', patch.timeZone, { max: 64 }).trim();
    if (tz !== '' && !isTimeZone(tz)) {
      throw new ModelError('timeZone', `${JSON.stringify(tz)} is not a time zone (like Europe/London)`);
    }
    out.timeZone = tz;
  }
  if (patch.daysOff !== undefined) {
    if (!Array.isArray(patch.daysOff)) throw new ModelError('daysOff', 'expected a list of weekdays');
    const days = [...new Set(patch.daysOff.map((d, i) => v.int(`daysOff[${i}]`, d, 0, 6)))].sort();
    if (days.length > 6) throw new ModelError('daysOff', 'at least one weekday must be a working day');
    out.daysOff = days;
  }
  const { settings } = scheduleRoots(doc);
  writeBoard(doc, 'schedule', origin, () => {
    if (out.timeZone !== undefined && settings.get('timeZone') !== out.timeZone)
      settings.set('timeZone', out.timeZone);
    if (out.daysOff !== undefined && JSON.stringify(settings.get('daysOff')) !== JSON.stringify(out.daysOff))
      settings.set('daysOff', out.daysOff);
  });
}

function validateStrip(input: Partial<StripInput>): Partial<StripInput> {
  const out: Partial<StripInput> = {};
  if (input.sceneId !== undefined) out.sceneId = v.id('sceneId', input.sceneId);
  if (input.status !== undefined) out.status = v.oneOf('status', input.status, STRIP_STATUSES);
  if (input.part !== undefined) out.part = v.nullable(input.part, (x) => v.int('part', x, 1, 26));
  if (input.eighths !== undefined)
    out.eighths = v.nullable(input.eighths, (x) => v.int('eighths', x, 1, 8 * 200));
  if (input.minutes !== undefined) out.minutes = v.int('minutes', input.minutes, 0, 24 * 60);
  return out;
}

/** Strips and banners of one day (or the boneyard) in board order, as {id, key}. */
function ordered(doc: Y.Doc, dayId: string | null, exclude?: string): { id: string; key: string }[] {
  const s = readSchedule(doc);
  return [...s.strips, ...s.banners]
    .filter((x) => x.dayId === dayId && x.id !== exclude)
    .map((x) => ({ id: x.id, key: x.order }))
    .sort(compareOrdered);
}

/** The day a strip or banner may go to; strips only to shooting days (or the boneyard). */
function checkDay(
  doc: Y.Doc,
  dayId: string | null,
  what: 'strip' | 'banner' | 'log' = 'banner',
): string | null {
  if (dayId === null) return null;
  const e = entity(scheduleRoots(doc).days, v.id('dayId', dayId), 'day');
  if (what === 'strip' && asString(e.get('kind'), 'shoot') !== 'shoot') {
    throw new ModelError('dayId', `${dayLabel(readSchedule(doc), dayId)} holds no strips`);
  }
  return dayId;
}

export function addStrip(
  doc: Y.Doc,
  input: Partial<StripInput> & { sceneId: string; id?: string; dayId: string | null; after?: string | null },
  origin?: unknown,
): string {
  const fields = validateStrip({ status: 'planned', part: null, eighths: null, minutes: 60, ...input });
  const dayId = checkDay(doc, input.dayId, 'strip');
  const stripId = input.id === undefined ? newId() : v.id('id', input.id);
  const items = ordered(doc, dayId);
  const after = input.after !== undefined ? input.after : (items.at(-1)?.id ?? null);
  const order = keyAfter(items, after, doc.clientID);
  const { strips } = scheduleRoots(doc);
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(strips, stripId, 'strip', { ...fields, place: { dayId, order } satisfies Place });
    return stripId;
  });
}

export function updateStrip(doc: Y.Doc, stripId: string, patch: Partial<StripInput>, origin?: unknown): void {
  const fields = validateStrip(patch);
  const e = entity(scheduleRoots(doc).strips, stripId, 'strip');
  writeBoard(doc, 'schedule', origin, () => setFields(e, fields));
}

export function setStripStatus(doc: Y.Doc, stripId: string, status: StripStatus, origin?: unknown): void {
  updateStrip(doc, stripId, { status }, origin);
}

/** Drag a strip or banner to a day (or the boneyard, null), right after item `afterId` there (null: first). */
export function moveItem(
  doc: Y.Doc,
  itemId: string,
  dayId: string | null,
  afterId: string | null,
  origin?: unknown,
): void {
  const { strips, banners } = scheduleRoots(doc);
  const e = entityOrNull(strips, itemId) ?? entityOrNull(banners, itemId);
  if (!e) throw new ModelError('strip', `no strip or banner with id ${itemId}`);
  const target = checkDay(doc, dayId, strips.has(itemId) ? 'strip' : 'banner');
  const order = keyAfter(ordered(doc, target, itemId), afterId, doc.clientID);
  writeBoard(doc, 'schedule', origin, () => e.set('place', { dayId: target, order } satisfies Place));
}

/**
 * Split a strip in two parts: the original keeps `firstEighths` as part 1 (or its part number) and a new
 * strip takes the rest as the next part number, right after it on the same day, or at `to` (another day,
 * the boneyard) in the same transaction: "split: move the rest to another day". A strip marked partial is
 * the part that was shot, so it becomes done. Minutes divide in proportion. Returns the new strip's id.
 */
export function splitStrip(
  doc: Y.Doc,
  stripId: string,
  input: {
    /** The scene's length, used when the strip is the whole scene (its own eighths are null). */
    sceneEighths: number;
    /** Eighths that stay on part 1; the rest go to the new part. */
    firstEighths: number;
    /** Where the new part goes (default: right after the original). `after` undefined: the end of that day. */
    to?: { dayId: string | null; after?: string | null };
    id?: string;
  },
  origin?: unknown,
): string {
  const { sceneEighths, firstEighths } = input;
  const newStripId = input.id === undefined ? newId() : v.id('id', input.id);
  const strip = readStrip(doc, stripId);
  if (!strip) throw new ModelError('strip', `no strip with id ${stripId}`);
  if (scheduleRoots(doc).strips.has(newStripId))
    throw new ModelError('id', `a strip with id ${newStripId} already exists`);
  const whole = strip.eighths ?? v.int('sceneEighths', sceneEighths, 1, 8 * 200);
  if (whole < 2) throw new ModelError('firstEighths', 'a strip of 1/8 page cannot be split');
  const first = v.int('firstEighths', firstEighths, 1, whole - 1);
  const siblings = readSchedule(doc).strips.filter((s) => s.sceneId === strip.sceneId);
  const nextPart = Math.max(1, ...siblings.map((s) => s.part ?? 1)) + 1;
  if (nextPart > 26) throw new ModelError('part', 'a scene has at most 26 parts');
  let place: Place;
  if (input.to === undefined) {
    place = {
      dayId: strip.dayId,
      order: keyAfter(ordered(doc, strip.dayId, newStripId), stripId, doc.clientID),
    };
  } else {
    const dayId = checkDay(doc, input.to.dayId, 'strip');
    const items = ordered(doc, dayId, stripId);
    const after = input.to.after !== undefined ? input.to.after : (items.at(-1)?.id ?? null);
    place = { dayId, order: keyAfter(items, after, doc.clientID) };
  }
  const e = entity(scheduleRoots(doc).strips, stripId, 'strip');
  const minutesFirst = Math.round((strip.minutes * first) / whole);
  return writeBoard(doc, 'schedule', origin, () => {
    setFields(e, {
      part: strip.part ?? 1,
      eighths: first,
      minutes: minutesFirst,
      ...(strip.status === 'partial' ? { status: 'done' } : {}),
    });
    createEntity(scheduleRoots(doc).strips, newStripId, 'strip', {
      sceneId: strip.sceneId,
      status: 'planned',
      part: nextPart,
      eighths: whole - first,
      minutes: strip.minutes - minutesFirst,
      place,
    });
    return newStripId;
  });
}

/**
 * Revert a split: this part joins the part before it (part 1 takes part 2 in), which keeps its place;
 * eighths and minutes add up, the other parts are numbered 1, 2 ... again, and the last part left is the
 * whole scene again (eighths null when they add up to `sceneEighths`, the scene's length).
 */
export function revertSplit(
  doc: Y.Doc,
  stripId: string,
  input: { sceneEighths?: number } = {},
  origin?: unknown,
): void {
  const strip = readStrip(doc, stripId);
  if (!strip) throw new ModelError('strip', `no strip with id ${stripId}`);
  if (strip.part === null)
    throw new ModelError('part', 'this strip is the whole scene, not a part of a split');
  const sceneEighths =
    input.sceneEighths === undefined ? null : v.int('sceneEighths', input.sceneEighths, 1, 8 * 200);
  const parts = readSchedule(doc)
    .strips.filter((s) => s.sceneId === strip.sceneId && s.part !== null)
    .sort((a, b) => a.part! - b.part! || (a.id < b.id ? -1 : 1));
  const index = parts.findIndex((s) => s.id === stripId);
  const { strips } = scheduleRoots(doc);
  const shot = (s: StripStatus) => s === 'done' || s === 'partial';
  writeBoard(doc, 'schedule', origin, () => {
    if (parts.length >= 2) {
      const keep = index === 0 ? parts[0]! : parts[index - 1]!;
      const gone = index === 0 ? parts[1]! : parts[index]!;
      const eighths = (keep.eighths ?? 0) + (gone.eighths ?? 0);
      const status: StripStatus =
        keep.status === gone.status
          ? keep.status
          : shot(keep.status) || shot(gone.status)
            ? 'partial'
            : 'planned';
      strips.delete(gone.id);
      setFields(entity(strips, keep.id, 'strip'), { eighths, minutes: keep.minutes + gone.minutes, status });
      parts.splice(
        parts.findIndex((p) => p.id === gone.id),
        1,
      );
      parts.find((p) => p.id === keep.id)!.eighths = eighths;
    }
    if (parts.length === 1) {
      const last = parts[0]!;
      setFields(entity(strips, last.id, 'strip'), {
        part: null,
        eighths: sceneEighths !== null && last.eighths === sceneEighths ? null : last.eighths,
      });
    } else {
      parts.forEach((p, i) => setFields(entity(strips, p.id, 'strip'), { part: i + 1 }));
    }
  });
}

export function deleteStrip(doc: Y.Doc, stripId: string, origin?: unknown): void {
  entity(scheduleRoots(doc).strips, stripId, 'strip');
  writeBoard(doc, 'schedule', origin, () => scheduleRoots(doc).strips.delete(stripId));
}

function validateBanner(input: { text?: unknown; minutes?: unknown }): { text?: string; minutes?: number } {
  return {
    text: input.text === undefined ? undefined : v.nonEmpty('text', input.text, 100).trim(),
    minutes: input.minutes === undefined ? undefined : v.int('minutes', input.minutes, 0, 12 * 60),
  };
}

export function addBanner(
  doc: Y.Doc,
  input: { text: string; minutes?: number; dayId: string | null; after?: string | null; id?: string },
  origin?: unknown,
): string {
  const fields = validateBanner({ minutes: 0, ...input });
  if (fields.text === undefined) throw new ModelError('text', 'is required');
  const dayId = checkDay(doc, input.dayId);
  const bannerId = input.id === undefined ? newId() : v.id('id', input.id);
  const items = ordered(doc, dayId);
  const order = keyAfter(
    items,
    input.after !== undefined ? input.after : (items.at(-1)?.id ?? null),
    doc.clientID,
  );
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(scheduleRoots(doc).banners, bannerId, 'banner', { ...fields, place: { dayId, order } });
    return bannerId;
  });
}

/** Edit a banner's text and/or planned minutes (a string patch edits the text, as before). */
export function updateBanner(
  doc: Y.Doc,
  bannerId: string,
  patch: string | { text?: string; minutes?: number },
  origin?: unknown,
): void {
  const fields = validateBanner(typeof patch === 'string' ? { text: patch } : patch);
  const e = entity(scheduleRoots(doc).banners, bannerId, 'banner');
  writeBoard(doc, 'schedule', origin, () => setFields(e, fields));
}

export function deleteBanner(doc: Y.Doc, bannerId: string, origin?: unknown): void {
  entity(scheduleRoots(doc).banners, bannerId, 'banner');
  writeBoard(doc, 'schedule', origin, () => scheduleRoots(doc).banners.delete(bannerId));
}

/** The key a once-a-day kind is stored under: the same on every tablet, so concurrent taps meet. */
export function onceKey(dayId: string, kind: LogKind): string {
  return `once_${dayId}_${kind}`;
}

/** A once-a-day kind logged a second time: names the entry already there, so the UI can offer to correct it. */
export class AlreadyLoggedError extends ModelError {
  override name = 'AlreadyLoggedError';
  constructor(readonly entry: LogEntry) {
    super('kind', `already logged at ${entry.at} by ${entry.author.name}`);
  }
}

function validateAuthor(field: string, value: Author | undefined): Author {
  return {
    id: v.nonEmpty(`${field}.id`, value?.id, 64),
    name: v.nonEmpty(`${field}.name`, value?.name),
  };
}

/**
 * Log a time of the day (now or any other time: "Lunch called at 12:40"). A once-a-day kind (crew call,
 * first shot, lunch called, lunch ended, camera wrap) already logged for that day is refused with
 * AlreadyLoggedError naming the first entry; correct that one instead.
 */
export function logEvent(
  doc: Y.Doc,
  input: { dayId: string; kind: LogKind; at: string; author: Author; note?: string; id?: string },
  origin?: unknown,
): string {
  const kind = v.oneOf('kind', input.kind, LOG_KINDS);
  const dayId = v.id('dayId', input.dayId);
  const fields = {
    dayId,
    kind,
    at: v.clock('at', input.at),
    author: validateAuthor('author', input.author),
    note: v.str('note', input.note ?? '', { max: 500 }),
  };
  checkDay(doc, dayId, 'log');
  const once = isOnceADay(kind);
  const entryId = once ? onceKey(dayId, kind) : input.id === undefined ? newId() : v.id('id', input.id);
  const { dayLog } = scheduleRoots(doc);
  const existing: unknown = dayLog.get(entryId);
  if (existing !== undefined) {
    const entry =
      existing instanceof Y.Map && isLogEntity(existing) ? readLogEntity(entryId, existing) : null;
    if (once && entry) throw new AlreadyLoggedError(entry);
    throw new ModelError('id', `a log entry with id ${entryId} already exists`);
  }
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(dayLog, entryId, 'log entry', fields);
    return entryId;
  });
}

/** Correct an entry's time and/or note; `editor` is kept as who last changed it (the author stays). */
export function correctLogEntry(
  doc: Y.Doc,
  entryId: string,
  patch: { at?: string; note?: string },
  editor: Author,
  origin?: unknown,
): void {
  const fields = {
    at: patch.at === undefined ? undefined : v.clock('at', patch.at),
    note: patch.note === undefined ? undefined : v.str('note', patch.note, { max: 500 }),
    changedBy: validateAuthor('editor', editor),
  };
  const e = entity(scheduleRoots(doc).dayLog, entryId, 'log entry');
  writeBoard(doc, 'schedule', origin, () => setFields(e, fields));
}

export function deleteLogEntry(doc: Y.Doc, entryId: string, origin?: unknown): void {
  const { dayLog } = scheduleRoots(doc);
  entity(dayLog, entryId, 'log entry');
  writeBoard(doc, 'schedule', origin, () => dayLog.delete(entryId));
}

const author: f.Field<Author> = {
  kind: 'plain',
  read: (x) => (f.isAuthor(x) ? { id: x.id, name: x.name } : undefined),
  fallback: { id: '', name: '' },
};
/** An optional `{id, name}` member (who corrected a log entry; who made a mood-board card). */
export const authorOrNull: f.Field<Author | null> = {
  kind: 'plain',
  read: (x) => (x === null ? null : author.read(x)),
  fallback: null,
};
/** A strip's or banner's `place`: one plain value {dayId | null, order} (see the header). */
const place: f.Field<Place> = {
  kind: 'plain',
  read: (x) =>
    f.isRecord(x) && (typeof x.dayId === 'string' || x.dayId === null) && isOrderKey(x.order)
      ? { dayId: x.dayId, order: x.order }
      : undefined,
  fallback: { dayId: null, order: '1' },
};
/** A typed sun time, or '' for "use the computed value". */
const sunTime: f.Field<string> = {
  kind: 'plain',
  read: (x) => (x === '' || f.isClock(x) ? (x as string) : undefined),
  fallback: '',
};

const DAY_FIELDS = {
  date: f.date(),
  kind: f.choice(DAY_KINDS, 'shoot'),
  crewCall: f.clock('07:00'),
  shootingCall: f.clock('08:00'),
  sunrise: sunTime,
  sunset: sunTime,
  notes: f.string(),
  started: f.boolean(),
};
const STRIP_FIELDS = {
  sceneId: f.string(),
  place,
  status: f.choice(STRIP_STATUSES, 'planned'),
  part: f.integerOrNull(1, 26),
  eighths: f.integerOrNull(1, 8 * 200),
  minutes: f.integer(0, 0, 24 * 60),
};
const BANNER_FIELDS = { text: f.string(), minutes: f.integer(0, 0, 24 * 60), place };
const LOG_FIELDS = {
  dayId: f.string(),
  kind: f.choice(LOG_KINDS, 'crew-call'),
  at: f.clock('00:00'),
  author,
  changedBy: authorOrNull,
  note: f.string(),
};
const SETTINGS_FIELDS = {
  timeZone: {
    ...f.string(),
    read: (x: unknown) => (typeof x === 'string' && (x === '' || isTimeZone(x)) ? x : undefined),
  },
  daysOff: {
    ...f.string(),
    read: (x: unknown) =>
      Array.isArray(x) && x.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)
        ? (x as number[])
        : undefined,
    fallback: DEFAULT_DAYS_OFF,
  } as f.Field<number[]>,
};

/**
 * What each root holds, for the readers and for damage.ts. A day without a real date, and a log entry without
 * its day, kind, time or author, cannot be shown: they are skipped whole. `log` is schema v2's list, emptied
 * by the v3 migration: anything in it now is invisible, so damaged.
 */
export const SCHEDULE_SHAPE = {
  scheduleSettings: { type: 'meta', fields: SETTINGS_FIELDS },
  days: { type: 'entities', fields: DAY_FIELDS, required: ['date'] },
  strips: { type: 'entities', fields: STRIP_FIELDS },
  banners: { type: 'entities', fields: BANNER_FIELDS },
  dayLog: { type: 'entities', fields: LOG_FIELDS, required: ['dayId', 'kind', 'at', 'author'] },
  log: { type: 'list', entry: () => false },
} as const satisfies f.DocShape;

function isLogEntity(e: Entity): boolean {
  return f.isSoundEntity(e, SCHEDULE_SHAPE.dayLog);
}

function readLogEntity(id: string, e: Entity): LogEntry {
  return { id, ...f.readFields(e, LOG_FIELDS) };
}

/** Days that can be shown, by id: a strip placed on any other day reads as in the boneyard. */
function soundDays(doc: Y.Doc): Map<string, ShootingDay> {
  return new Map(
    f
      .soundEntities(scheduleRoots(doc).days, SCHEDULE_SHAPE.days)
      .map(([id, e]) => [id, { id, ...f.readFields(e, DAY_FIELDS) }]),
  );
}

function readPlaced<F extends { place: f.Field<Place> } & f.Fields>(
  e: Entity,
  fields: F,
  days: ReadonlyMap<string, ShootingDay>,
  strip: boolean,
): Omit<f.FieldValues<F>, 'place'> & Place {
  const { place: at, ...rest } = f.readFields(e, fields);
  const day = at.dayId === null ? undefined : days.get(at.dayId);
  // a strip moved onto a day that another tablet made a day off at the same time reads as unscheduled
  const holds = day !== undefined && (!strip || day.kind === 'shoot');
  return { ...rest, dayId: holds ? at.dayId : null, order: at.order };
}

function readStripEntity(id: string, e: Entity, days: ReadonlyMap<string, ShootingDay>): Strip {
  return { id, ...readPlaced(e, STRIP_FIELDS, days, true) };
}

export function readStrip(doc: Y.Doc, stripId: string): Strip | null {
  const e = entityOrNull(scheduleRoots(doc).strips, stripId);
  return e ? readStripEntity(stripId, e, soundDays(doc)) : null;
}

export function readScheduleSettings(doc: Y.Doc): ScheduleSettings {
  const { daysOff, timeZone } = f.readFields(scheduleRoots(doc).settings, SETTINGS_FIELDS);
  return { timeZone, daysOff: [...daysOff] };
}

/** Everything on the board. A strip whose day was deleted concurrently reads as in the boneyard. */
export function readSchedule(doc: Y.Doc): Schedule {
  const { strips, banners, dayLog } = scheduleRoots(doc);
  const days = soundDays(doc);
  return {
    days: [...days.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
    ),
    strips: entries(strips)
      .map(([id, e]) => readStripEntity(id, e, days))
      .sort((a, b) => compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id })),
    banners: entries(banners)
      .map(([id, e]) => ({ id, ...readPlaced(e, BANNER_FIELDS, days, false) }))
      .sort((a, b) => compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id })),
    log: sortLog(f.soundEntities(dayLog, SCHEDULE_SHAPE.dayLog).map(([id, e]) => readLogEntity(id, e))),
    settings: readScheduleSettings(doc),
  };
}

/** Log entries by day, time, then id: every replica lists them in one order. */
export function sortLog(log: readonly LogEntry[]): LogEntry[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...log].sort((a, b) => cmp(a.dayId, b.dayId) || cmp(a.at, b.at) || cmp(a.id, b.id));
}

export type BoardItem = ({ type: 'strip' } & Strip) | ({ type: 'banner' } & Banner);

/** Pure selector: one day's strips and banners (null: the boneyard) in board order. */
export function selectDayItems(schedule: Schedule, dayId: string | null): BoardItem[] {
  const items: BoardItem[] = [
    ...schedule.strips.filter((s) => s.dayId === dayId).map((s) => ({ type: 'strip' as const, ...s })),
    ...schedule.banners.filter((b) => b.dayId === dayId).map((b) => ({ type: 'banner' as const, ...b })),
  ];
  return items.sort((a, b) => compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id }));
}

export function selectDayLog(schedule: Schedule, dayId: string): LogEntry[] {
  return schedule.log.filter((entry) => entry.dayId === dayId);
}

/** The entry of a once-a-day kind for a day, if logged. */
export function selectOnceEntry(schedule: Schedule, dayId: string, kind: LogKind): LogEntry | null {
  return schedule.log.find((e) => e.id === onceKey(dayId, kind)) ?? null;
}
