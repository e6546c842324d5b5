/** Field validators shared by the board operations. Each throws a ModelError naming the field. */
import { ModelError } from './errors';

export function str(field: string, value: unknown, opts: { max?: number; min?: number } = {}): string {
  if (typeof value !== 'string') throw new ModelError(field, `expected text, got ${describe(value)}`);
  const max = opts.max ?? 2_000;
  const min = opts.min ?? 0;
  if (value.length < min) throw new ModelError(field, min === 1 ? 'is required' : `needs ${min}+ characters`);
  if (value.length > max) throw new ModelError(field, `is longer than ${max} characters`);
  return value;
}

export function nonEmpty(field: string, value: unknown, max = 200): string {
  const text = str(field, value, { max });
  if (text.trim() === '') throw new ModelError(field, 'is required');
  return text;
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ModelError(field, `must be one of ${allowed.join(', ')}; got ${describe(value)}`);
}

export function int(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ModelError(field, `expected a whole number, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ModelError(field, `must be between ${min} and ${max}`);
  return value;
}

/** A decimal with at most `places` decimals, so arithmetic on it can be made exact by scaling. */
export function decimal(field: string, value: unknown, min: number, max: number, places = 2): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ModelError(field, `expected a number, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ModelError(field, `must be between ${min} and ${max}`);
  const scaled = value * 10 ** places;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    throw new ModelError(field, `allows at most ${places} decimal places`);
  }
  return value;
}

export function bool(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ModelError(field, `expected true or false, got ${describe(value)}`);
  return value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists. */
export function isoDate(field: string, value: unknown): string {
  const text = str(field, value, { max: 10 });
  const m = DATE.exec(text);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.toISOString().slice(0, 10) === text) return text;
  }
  throw new ModelError(field, `expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
}

const TIME = /^([0-4]\d):([0-5]\d)$/;

/**
 * A time of the shooting day `HH:MM`. Hours run to 47 so a night shoot that wraps at 02:30 the next morning
 * is written `26:30` and still sorts after its own crew call.
 */
export function clock(field: string, value: unknown): string {
  const text = str(field, value, { max: 5 });
  const m = TIME.exec(text);
  if (!m || Number(m[1]) > 47) {
    throw new ModelError(field, `expected a time HH:MM (00:00 to 47:59), got ${JSON.stringify(text)}`);
  }
  return text;
}

export function hexColour(field: string, value: unknown): string {
  const text = str(field, value, { max: 7 });
  if (!/^#[0-9a-fA-F]{6}$/.test(text)) throw new ModelError(field, `expected a colour #RRGGBB, got ${text}`);
  return text.toLowerCase();
}

export function id(field: string, value: unknown): string {
  const text = str(field, value, { max: 64 });
  if (!/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new ModelError(field, `expected an id of letters, digits, - or _; got ${JSON.stringify(text)}`);
  }
  return text;
}

export function idList(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw new ModelError(field, `expected a list, got ${describe(value)}`);
  return [...new Set(value.map((v, i) => id(`${field}[${i}]`, v)))];
}

export function stringList(field: string, value: unknown, max = 100): string[] {
  if (!Array.isArray(value)) throw new ModelError(field, `expected a list, got ${describe(value)}`);
  return [...new Set(value.map((v, i) => nonEmpty(`${field}[${i}]`, v, max).trim()))];
}

export function nullable<T>(value: unknown, check: (v: unknown) => T): T | null {
  return value === null ? null : check(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : typeof value;
}
