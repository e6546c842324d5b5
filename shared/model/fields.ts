/**
 * How each field of a board entity is read from the document. Any member with write access can put any value
 * of any type anywhere in a board document, so a reader never trusts a type: every field has a rule that
 * accepts only what an operation could have written (the same ranges and formats as validate.ts) and a
 * fallback used otherwise. The same rules tell damage.ts what is damaged and how to repair it, so what a
 * board shows and what "N damaged items" counts never disagree.
 */
import * as Y from 'yjs';
import { isOrderKey } from './order-keys';

/**
 * What repairing a damaged value means: `plain` fields and id sets are deleted (the reader falls back),
 * shared texts are replaced by a fresh Y.Text (keeping a string's words), reference lists by a Y.Array.
 */
export type FieldKind = 'plain' | 'text' | 'idset' | 'refs';

export interface Field<T> {
  readonly kind: FieldKind;
  /** The value as the board shows it, or undefined when `value` is not of this field's shape. */
  read(value: unknown): T | undefined;
  /** Whether a present value is sound; defaults to `read(value) !== undefined`. */
  sound?(value: unknown): boolean;
  readonly fallback: T;
}

export type FieldValue<F> = F extends Field<infer T> ? T : never;
export type Fields = Record<string, Field<unknown>>;
export type FieldValues<F extends Fields> = { [K in keyof F]: FieldValue<F[K]> };

/** A root Y.Map of id -> Y.Map entity. An entity missing a `required` field is skipped whole. */
export interface EntityShape<F extends Fields = Fields> {
  readonly type: 'entities';
  readonly fields: F;
  readonly required?: readonly (keyof F & string)[];
  /** Sound fields can still combine into nonsense (a line whose total no money value holds): skipped whole. */
  readonly check?: (values: Record<string, unknown>) => boolean;
}

/** A root Y.Array of plain objects (append-only logs); `entry` accepts the sound ones. */
export interface ListShape {
  readonly type: 'list';
  readonly entry: (value: unknown) => boolean;
}

/** The root `meta` map: board-wide settings besides `schemaVersion` and `board`. */
export interface MetaShape<F extends Fields = Fields> {
  readonly type: 'meta';
  readonly fields: F;
}

/**
 * A root Y.Map of composite key -> plain value (`<dayId>/<field>`: see callsheet-types.ts). A key `key`
 * does not recognise is left alone (a newer app may write it); a recognised key whose value `value(key)`
 * finds unsound is one damaged entry.
 */
export interface ValuesShape {
  readonly type: 'values';
  readonly key: (key: string) => boolean;
  readonly value: (key: string) => Field<unknown>;
}

export type RootShape = EntityShape | ListShape | MetaShape | ValuesShape;
/** Every root of one board's document by name. */
export type DocShape = Record<string, RootShape>;

const plain = <T>(fallback: T, read: (value: unknown) => T | undefined): Field<T> => ({
  kind: 'plain',
  read,
  fallback,
});

export const string = (fallback = ''): Field<string> =>
  plain(fallback, (v) => (typeof v === 'string' ? v : undefined));

export const stringOrNull = (): Field<string | null> =>
  plain<string | null>(null, (v) => (typeof v === 'string' || v === null ? v : undefined));

export const boolean = (): Field<boolean> => plain(false, (v) => (typeof v === 'boolean' ? v : undefined));

/** A finite number in [min, max]. */
export const number = (fallback: number, min: number, max: number): Field<number> =>
  plain(fallback, (v) => (isNumberIn(v, min, max) ? v : undefined));

export const numberOrNull = (min: number, max: number): Field<number | null> =>
  plain<number | null>(null, (v) => (v === null || isNumberIn(v, min, max) ? v : undefined));

/** A whole number in [min, max] (money in minor units, basis points, eighths, minutes). */
export const integer = (fallback: number, min: number, max: number): Field<number> =>
  plain(fallback, (v) => (isNumberIn(v, min, max) && Number.isInteger(v) ? v : undefined));

export const integerOrNull = (min: number, max: number): Field<number | null> =>
  plain<number | null>(null, (v) =>
    v === null || (isNumberIn(v, min, max) && Number.isInteger(v)) ? v : undefined,
  );

export const choice = <T extends string>(allowed: readonly T[], fallback: T): Field<T> =>
  plain(fallback, (v) =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined,
  );

/**
 * A word from a list a production can extend (a shot size, a camera): any short text without control
 * characters, so a value added to one production's list, or later removed from it, still reads as itself.
 */
export const term = (fallback: string): Field<string> => plain(fallback, (v) => (isTerm(v) ? v : undefined));

export const TERM_MAX = 24;

export function isTerm(v: unknown): v is string {
  return (
    typeof v === 'string' &&
    v.trim() === v &&
    v.length >= 1 &&
    v.length <= TERM_MAX &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a term may not hold
    !/[\u0000-\u001f\u007f]/.test(v)
  );
}

export const orderKey = (): Field<string> => plain('1', (v) => (isOrderKey(v) ? v : undefined));

export const date = (fallback = ''): Field<string> => plain(fallback, (v) => (isDate(v) ? v : undefined));

export const dateOrNull = (): Field<string | null> =>
  plain<string | null>(null, (v) => (v === null || isDate(v) ? v : undefined));

export const clock = (fallback: string): Field<string> =>
  plain(fallback, (v) => (isClock(v) ? v : undefined));

export const clockOrNull = (): Field<string | null> =>
  plain<string | null>(null, (v) => (v === null || isClock(v) ? v : undefined));

/** Text of at most `max` characters (a longer one no operation could have written). */
export const boundedString = (max: number, fallback = ''): Field<string> =>
  plain(fallback, (v) => (typeof v === 'string' && v.length <= max ? v : undefined));

/** `#rrggbb`, or null. Anything else could carry CSS (`url(...)`) into a swatch's style. */
export const colourOrNull = (): Field<string | null> =>
  plain<string | null>(null, (v) =>
    v === null || (typeof v === 'string' && /^#[0-9a-f]{6}$/.test(v)) ? v : undefined,
  );

/** A Y.Text; a plain string (an older layout, or a careless writer) still shows its words but is damaged. */
export const sharedText = (): Field<string> => ({
  kind: 'text',
  read: (v) => (v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : undefined),
  sound: (v) => v instanceof Y.Text,
  fallback: '',
});

/** A set of ids as Y.Map id -> true; read as the sorted ids. */
export const idSet = (): Field<string[]> => ({
  kind: 'idset',
  read: (v) => (v instanceof Y.Map ? [...v.keys()].sort() : undefined),
  fallback: [],
});

/** A Y.Array of references (strings); entries of another type are skipped here and counted by damage.ts. */
export const refs = (): Field<string[]> => ({
  kind: 'refs',
  read: (v) =>
    v instanceof Y.Array ? v.toArray().filter((x): x is string => typeof x === 'string') : undefined,
  sound: (v) => v instanceof Y.Array,
  fallback: [],
});

export function isNumberIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (as validate.ts isoDate). */
export function isDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A time of the shooting day `HH:MM`, hours 00 to 47 (as validate.ts clock). */
export function isClock(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = /^([0-4]\d):([0-5]\d)$/.exec(v);
  return m !== null && Number(m[1]) <= 47;
}

/** A plain object as Yjs stores one in an array (not a list, not a shared type, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
}

/** A plain `{id, name}` author with text fields. */
export function isAuthor(v: unknown): v is { id: string; name: string } {
  return isRecord(v) && typeof v.id === 'string' && typeof v.name === 'string';
}

/** Whether a present value breaks its field's rule. */
export function isDamaged(field: Field<unknown>, value: unknown): boolean {
  return field.sound ? !field.sound(value) : field.read(value) === undefined;
}

/** Reads every field of an entity through its rule; anything absent or unsound reads as the fallback. */
export function readFields<F extends Fields>(e: Y.Map<unknown>, fields: F): FieldValues<F> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = e.get(key);
    out[key] = value === undefined ? field.fallback : (field.read(value) ?? field.fallback);
  }
  return out as FieldValues<F>;
}

/** Whether an entity can be shown at all: it is a Y.Map and every required field is sound. */
export function isSoundEntity(value: unknown, shape: EntityShape): value is Y.Map<unknown> {
  if (!(value instanceof Y.Map)) return false;
  for (const key of shape.required ?? []) {
    const v: unknown = value.get(key);
    if (v === undefined || isDamaged(shape.fields[key]!, v)) return false;
  }
  return shape.check ? shape.check(readFields(value, shape.fields)) : true;
}

/** The sound entities of a root map, sorted by id so every replica lists them in the same order. */
export function soundEntities(
  map: { entries(): IterableIterator<[string, unknown]> },
  shape: EntityShape,
): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  for (const [id, value] of map.entries()) if (isSoundEntity(value, shape)) out.push([id, value]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
