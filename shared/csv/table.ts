/** A CSV file as a header and rows of named cells, checked against the columns an importer knows. */
import { CsvError, CsvImportError } from './errors';
import { parseCsv } from './csv';

export interface TableRow {
  /** 1-based row number in the file (the header is row 1). */
  row: number;
  cells: Map<string, string>;
}

/**
 * Reads a file whose header names columns from `known` (case and spaces ignored: `Setup Minutes` reads as
 * `setupMinutes`). Unknown or repeated columns, missing `required` columns and rows wider than the header
 * are errors naming row and column.
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
    return { row, cells: new Map(columns.map((name, i) => [name, fields[i] ?? ''])) };
  });
}

function normalise(name: string): string {
  return name.replace(/[\s_-]/g, '').toLowerCase();
}
