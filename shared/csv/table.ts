/**
 * A CSV file as a header and rows of named cells: written with every text cell neutralised against formula
 * evaluation, read back with exactly that undone (cells.ts, safeText), and checked against the columns an
 * importer knows.
 */
import { safeText, unsafeText } from './cells';
import { CsvError, CsvImportError } from './errors';
import { parseCsv, toCsv } from './csv';

/**
 * The file for `columns` and `rows` (one value per column). Every cell is text, and neutralised, except
 * those in `numeric` columns, which hold numbers we formatted: a negative amount must stay a number.
 */
export function writeTable<C extends string>(
  columns: readonly C[],
  rows: readonly (readonly string[])[],
  numeric: readonly C[] = [],
): string {
  const isNumeric = columns.map((c) => numeric.includes(c));
  return toCsv([
    [...columns],
    ...rows.map((row) => row.map((cell, i) => (isNumeric[i] ? cell : safeText(cell)))),
  ]);
}

export interface TableRow {
  /** 1-based row number in the file (the header is row 1). */
  row: number;
  cells: Map<string, string>;
}

/**
 * Reads a file whose header names columns from `known` (case and spaces ignored: `Setup Minutes` reads as
 * `setupMinutes`). Every cell loses one leading `'`, the mark `writeTable` (or a spreadsheet) put there, so
 * importers read cells as typed. Unknown or repeated columns, missing `required` columns and rows wider
 * than the header are errors naming row and column.
 */
export function readTable(
  text: string,
  known: readonly string[],
  required: readonly string[] = [],
): TableRow[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new CsvImportError([new CsvError(1, 1, 'the file is empty; expected a header row')]);
  const byKey = new Map(known.map((name) => [normalise(name), name]));
  const columns: string[] = [];
  const problems: CsvError[] = [];
  header.forEach((raw, i) => {
    const name = byKey.get(normalise(raw));
    if (!name)
      problems.push(
        new CsvError(1, i + 1, `unknown column ${JSON.stringify(raw)}; known columns: ${known.join(', ')}`),
      );
    else if (columns.includes(name)) problems.push(new CsvError(1, i + 1, `column ${name} appears twice`));
    columns.push(name ?? '');
  });
  for (const name of required) {
    if (!columns.includes(name)) problems.push(new CsvError(1, name, 'this column is required'));
  }
  if (problems.length) throw new CsvImportError(problems);
  return rows.slice(1).map((fields, index) => {
    const row = index + 2;
    if (fields.length > columns.length) {
      throw new CsvImportError([
        new CsvError(row, fields.length, `the row has ${fields.length} fields, the header ${columns.length}`),
      ]);
    }
    return { row, cells: new Map(columns.map((name, i) => [name, unsafeText(fields[i] ?? '')])) };
  });
}

function normalise(name: string): string {
  return name.replace(/[\s_-]/g, '').toLowerCase();
}
