/**
 * Cell formats. Money is written in major units with exactly two decimals (`1234.50`) and parsed from its
 * text, never through a float, so `0.29` is 29 cents exactly. Percentages are written with up to two
 * decimals (`18.5`) and stored as basis points. Lists are joined with `; `.
 */
import { CsvError } from './errors';

export function formatMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function parseMoney(text: string, row: number, column: string): number {
  const m = /^(-)?(\d{1,11})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,(?=\d{3}(\D|$))/g, ''));
  if (!m) throw new CsvError(row, column, `expected an amount like 1234.50, got ${JSON.stringify(text)}`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

export function formatPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

export function parsePercent(text: string, row: number, column: string): number {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m) throw new CsvError(row, column, `expected a percentage like 18.5, got ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function parseNumber(text: string, row: number, column: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed))
    throw new CsvError(row, column, `expected a number, got ${JSON.stringify(text)}`);
  return Number(trimmed);
}

export function parseInteger(text: string, row: number, column: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed))
    throw new CsvError(row, column, `expected a whole number, got ${JSON.stringify(text)}`);
  return Number(trimmed);
}

export const joinList = (values: readonly string[]): string => values.join('; ');
export const splitList = (text: string): string[] =>
  text
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * A spreadsheet evaluates a cell that starts with = + - or @ as a formula, and some strip a leading tab or
 * carriage return first and evaluate the rest. Every text cell we write that starts with one of them, or
 * with the escape quote itself, gets a leading `'` (a spreadsheet's "this is text" mark); reading strips
 * exactly one leading `'`, so export -> import -> export is byte-identical (`'Scope 40mm` is written as
 * `''Scope 40mm` and read back as typed). Numbers we format (`-12.50`) are not text and stay as they are.
 */
const EVALUATED = /^[=+\-@\t\r']/;

export function safeText(text: string): string {
  return EVALUATED.test(text) ? `'${text}` : text;
}

export function unsafeText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}
