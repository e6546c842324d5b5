/**
 * The AD's stripboard. Root types:
 * - `days`: Y.Map dayId -> Y.Map {date, crewCall, shootingCall, sunset, notes}
 * - `strips`: Y.Map stripId -> Y.Map {sceneId, place, status, part, eighths, minutes}
 * - `banners`: Y.Map bannerId -> Y.Map {text, place}
 * - `log`: Y.Array of LogEntry (append-only; entries are never edited or removed)
 * `place` is one plain value {dayId | null (boneyard), order}: a move rewrites both at once, so two ADs
 * dragging the same strip to different days end with the strip in exactly one place.
 */
import * as Y from 'yjs';
import { ModelError } from './errors';
import { compareOrdered, keyAfter } from './order-keys';
import { writeBoard } from './schema-version';
import * as v from './validate';
import {
  asNumber,
  asString,
  createEntity,
  entity,
  entries,
  newId,
  setFields,
  type Entity,
  type EntityMap,
} from './ydoc';
import {
  STRIP_STATUSES,
  type StripStatus,
  LOG_KINDS,
  type LogKind,
  type Place,
  type Strip,
  type Banner,
  type Author,
  type LogEntry,
  type Schedule,
  type DayInput,
  type StripInput,
  scheduleRoots,
} from './schedule-types';

export * from './schedule-types';

function validateDay(input: Partial<DayInput>): Partial<DayInput> {
  const out: Partial<DayInput> = {};
  if (input.date !== undefined) out.date = v.isoDate('date', input.date);
  if (input.crewCall !== undefined) out.crewCall = v.clock('crewCall', input.crewCall);
  if (input.shootingCall !== undefined) out.shootingCall = v.clock('shootingCall', input.shootingCall);
  if (input.sunset !== undefined) out.sunset = v.clock('sunset', input.sunset);
  if (input.notes !== undefined) out.notes = v.str('notes', input.notes, { max: 2_000 });
  return out;
}

export function addDay(doc: Y.Doc, input: DayInput & { id?: string }, origin?: unknown): string {
  const fields = validateDay({ ...input, notes: input.notes ?? '' });
  const dayId = input.id === undefined ? newId() : v.id('id', input.id);
  const { days } = scheduleRoots(doc);
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(days, dayId, 'day', fields);
    return dayId;
  });
}

export function updateDay(doc: Y.Doc, dayId: string, patch: Partial<DayInput>, origin?: unknown): void {
  const fields = validateDay(patch);
  const e = entity(scheduleRoots(doc).days, dayId, 'day');
  writeBoard(doc, 'schedule', origin, () => setFields(e, fields));
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
      const target = strips.get(item.id) ?? banners.get(item.id);
      target?.set('place', { dayId: null, order } satisfies Place);
      all.push({ id: item.id, key: order });
      after = item.id;
    }
    days.delete(dayId);
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

function checkDay(doc: Y.Doc, dayId: string | null): string | null {
  if (dayId === null) return null;
  entity(scheduleRoots(doc).days, v.id('dayId', dayId), 'day');
  return dayId;
}

export function addStrip(
  doc: Y.Doc,
  input: Partial<StripInput> & { sceneId: string; id?: string; dayId: string | null; after?: string | null },
  origin?: unknown,
): string {
  const fields = validateStrip({ status: 'planned', part: null, eighths: null, minutes: 60, ...input });
  const dayId = checkDay(doc, input.dayId);
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
  const e = strips.get(itemId) ?? banners.get(itemId);
  if (!e) throw new ModelError('strip', `no strip or banner with id ${itemId}`);
  const target = checkDay(doc, dayId);
  const order = keyAfter(ordered(doc, target, itemId), afterId, doc.clientID);
  writeBoard(doc, 'schedule', origin, () => e.set('place', { dayId: target, order } satisfies Place));
}

/**
 * Split a strip in two parts on the same day: the original keeps `firstEighths` as part 1 and a new strip
 * right after it takes the rest as part 2 (or the next part number). Returns the new strip's id.
 */
export function splitStrip(
  doc: Y.Doc,
  stripId: string,
  input: {
    /** The scene's length, used when the strip is the whole scene (its own eighths are null). */
    sceneEighths: number;
    /** Eighths that stay on part 1; the rest go to the new part. */
    firstEighths: number;
    id?: string;
  },
  origin?: unknown,
): string {
  const { sceneEighths, firstEighths } = input;
  const newStripId = input.id === undefined ? newId() : v.id('id', input.id);
  const strip = readStrip(doc, stripId);
  if (!strip) throw new ModelError('strip', `no strip with id ${stripId}`);
  const whole = strip.eighths ?? v.int('sceneEighths', sceneEighths, 1, 8 * 200);
  const first = v.int('firstEighths', firstEighths, 1, whole - 1 < 1 ? 0 : whole - 1);
  const siblings = readSchedule(doc).strips.filter((s) => s.sceneId === strip.sceneId);
  const nextPart = Math.max(1, ...siblings.map((s) => s.part ?? 1)) + 1;
  const order = keyAfter(ordered(doc, strip.dayId, newStripId), stripId, doc.clientID);
  const e = entity(scheduleRoots(doc).strips, stripId, 'strip');
  const minutesFirst = Math.round((strip.minutes * first) / whole);
  return writeBoard(doc, 'schedule', origin, () => {
    setFields(e, { part: strip.part ?? 1, eighths: first, minutes: minutesFirst });
    createEntity(scheduleRoots(doc).strips, newStripId, 'strip', {
      sceneId: strip.sceneId,
      status: 'planned',
      part: nextPart,
      eighths: whole - first,
      minutes: strip.minutes - minutesFirst,
      place: { dayId: strip.dayId, order } satisfies Place,
    });
    return newStripId;
  });
}

export function deleteStrip(doc: Y.Doc, stripId: string, origin?: unknown): void {
  entity(scheduleRoots(doc).strips, stripId, 'strip');
  writeBoard(doc, 'schedule', origin, () => scheduleRoots(doc).strips.delete(stripId));
}

export function addBanner(
  doc: Y.Doc,
  input: { text: string; dayId: string | null; after?: string | null; id?: string },
  origin?: unknown,
): string {
  const bannerText = v.nonEmpty('text', input.text, 100);
  const dayId = checkDay(doc, input.dayId);
  const bannerId = input.id === undefined ? newId() : v.id('id', input.id);
  const items = ordered(doc, dayId);
  const order = keyAfter(
    items,
    input.after !== undefined ? input.after : (items.at(-1)?.id ?? null),
    doc.clientID,
  );
  return writeBoard(doc, 'schedule', origin, () => {
    createEntity(scheduleRoots(doc).banners, bannerId, 'banner', {
      text: bannerText,
      place: { dayId, order },
    });
    return bannerId;
  });
}

export function updateBanner(doc: Y.Doc, bannerId: string, bannerText: string, origin?: unknown): void {
  const value = v.nonEmpty('text', bannerText, 100);
  const e = entity(scheduleRoots(doc).banners, bannerId, 'banner');
  writeBoard(doc, 'schedule', origin, () => setFields(e, { text: value }));
}

export function deleteBanner(doc: Y.Doc, bannerId: string, origin?: unknown): void {
  entity(scheduleRoots(doc).banners, bannerId, 'banner');
  writeBoard(doc, 'schedule', origin, () => scheduleRoots(doc).banners.delete(bannerId));
}

/** Append a timed event to the day log. Entries are never edited: a correction is a new entry. */
export function logEvent(
  doc: Y.Doc,
  input: { dayId: string; kind: LogKind; at: string; author: Author; note?: string; id?: string },
  origin?: unknown,
): string {
  const entry: LogEntry = {
    id: input.id === undefined ? newId() : v.id('id', input.id),
    dayId: v.id('dayId', input.dayId),
    kind: v.oneOf('kind', input.kind, LOG_KINDS),
    at: v.clock('at', input.at),
    author: {
      id: v.nonEmpty('author.id', input.author?.id, 64),
      name: v.nonEmpty('author.name', input.author?.name),
    },
    note: v.str('note', input.note ?? '', { max: 500 }),
  };
  checkDay(doc, entry.dayId);
  writeBoard(doc, 'schedule', origin, () => scheduleRoots(doc).log.push([entry]));
  return entry.id;
}

function readPlace(e: Entity, days: EntityMap): Place {
  const raw = e.get('place') as Partial<Place> | undefined;
  const dayId = typeof raw?.dayId === 'string' && days.has(raw.dayId) ? raw.dayId : null;
  return { dayId, order: typeof raw?.order === 'string' ? raw.order : '1' };
}

function readStripEntity(id: string, e: Entity, days: EntityMap): Strip {
  const part = e.get('part');
  const eighths = e.get('eighths');
  return {
    id,
    sceneId: asString(e.get('sceneId')),
    ...readPlace(e, days),
    status: asString(e.get('status'), 'planned') as StripStatus,
    part: typeof part === 'number' ? part : null,
    eighths: typeof eighths === 'number' ? eighths : null,
    minutes: asNumber(e.get('minutes')),
  };
}

export function readStrip(doc: Y.Doc, stripId: string): Strip | null {
  const { strips, days } = scheduleRoots(doc);
  const e = strips.get(stripId);
  return e ? readStripEntity(stripId, e, days) : null;
}

/** Everything on the board. A strip whose day was deleted concurrently reads as in the boneyard. */
export function readSchedule(doc: Y.Doc): Schedule {
  const { days, strips, banners, log } = scheduleRoots(doc);
  return {
    days: entries(days)
      .map(([id, e]) => ({
        id,
        date: asString(e.get('date')),
        crewCall: asString(e.get('crewCall'), '07:00'),
        shootingCall: asString(e.get('shootingCall'), '08:00'),
        sunset: asString(e.get('sunset'), '20:00'),
        notes: asString(e.get('notes')),
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1)),
    strips: entries(strips)
      .map(([id, e]) => readStripEntity(id, e, days))
      .sort((a, b) => compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id })),
    banners: entries(banners)
      .map(([id, e]) => ({ id, text: asString(e.get('text')), ...readPlace(e, days) }))
      .sort((a, b) => compareOrdered({ key: a.order, id: a.id }, { key: b.order, id: b.id })),
    log: sortLog(log.toArray()),
  };
}

/** Log entries by day, time, then id: concurrent appends land in one order on every replica. */
export function sortLog(log: readonly LogEntry[]): LogEntry[] {
  return [...log].sort((a, b) =>
    a.dayId !== b.dayId
      ? a.dayId < b.dayId
        ? -1
        : 1
      : a.at !== b.at
        ? a.at < b.at
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
  );
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
