/**
 * The crew and cast list as CSV, the form crews keep in spreadsheets: one row per person with every field a
 * member may change (`memberId`, the link to an app account, is not in the file and is left as it is).
 * Cells are read into the shape of a `POST /people` body; the server checks each row with the same rules as
 * that route (people-routes.ts, API.md PE5) and names the row and column of every problem.
 */
import type { Person } from '../people';
import { parseInteger } from './cells';
import { CsvError, CsvImportError } from './errors';
import { readTable, writeTable } from './table';

export const PEOPLE_COLUMNS = [
  'id',
  'name',
  'department',
  'title',
  'phone',
  'email',
  'castBilling',
  'callOffsetMinutes',
  'keyContact',
] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

export function exportPeople(people: readonly Person[]): string {
  return writeTable(
    PEOPLE_COLUMNS,
    people.map((p) => [
      p.id,
      p.name,
      p.department ?? '',
      p.title ?? '',
      p.phone ?? '',
      p.email ?? '',
      p.castBilling === null ? '' : String(p.castBilling),
      p.callOffsetMinutes === null ? '' : String(p.callOffsetMinutes),
      p.keyContact ? 'yes' : 'no',
    ]),
    ['castBilling', 'callOffsetMinutes'],
  );
}

/** One row of the file as a person body (empty text cells clear the field: the file is the list). */
export interface PeopleRow {
  row: number;
  /** The `id` cell, or null: a row whose id is on the list updates that person. */
  id: string | null;
  body: Record<string, unknown>;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/**
 * Reads every row, collecting the cells' problems (a billing that is no number, a key contact that is neither
 * yes nor no, a name twice in the file) rather than stopping at the first; the field rules are the server's,
 * which adds its own problems to these before refusing the file (nothing is changed while any remain).
 */
export function parsePeople(text: string): { rows: PeopleRow[]; problems: CsvError[] } {
  const table = readTable(text, PEOPLE_COLUMNS, ['name']);
  const problems: CsvError[] = [];
  const rows: PeopleRow[] = [];
  const names = new Map<string, number>();
  for (const { row, cells } of table) {
    if ([...cells.values()].every((v) => v.trim() === '')) continue; // a blank line in a spreadsheet
    const cell = (column: PeopleColumn) => cells.get(column) ?? '';
    const body: Record<string, unknown> = { name: cell('name') };
    for (const column of ['department', 'title', 'phone', 'email'] as const) {
      if (cells.has(column)) body[column] = cell(column);
    }
    for (const column of ['castBilling', 'callOffsetMinutes'] as const) {
      if (!cells.has(column)) continue;
      try {
        body[column] = cell(column).trim() === '' ? null : parseInteger(cell(column), row, column);
      } catch (error) {
        problems.push(error as CsvError);
      }
    }
    if (cells.has('keyContact')) {
      const value = cell('keyContact').trim().toLowerCase();
      if (YES.has(value)) body.keyContact = true;
      else if (NO.has(value)) body.keyContact = false;
      else
        problems.push(
          new CsvError(row, 'keyContact', `expected yes or no, got ${JSON.stringify(cell('keyContact'))}`),
        );
    }
    const key = cell('name').trim().toLowerCase();
    const earlier = names.get(key);
    if (key !== '' && earlier !== undefined) {
      problems.push(new CsvError(row, 'name', `${cell('name').trim()} is already on row ${earlier}`));
    }
    names.set(key, row);
    const id = cell('id').trim();
    rows.push({ row, id: id === '' ? null : id, body });
  }
  return { rows, problems };
}

export interface PeopleImportPlan {
  /** Rows that add a person, in file order. */
  add: PeopleRow[];
  /** Rows that change a person already on the list. */
  update: (PeopleRow & { personId: string })[];
}

/** Which rows update whom: the row's id when it is on the list, else the same name (any case), else new. */
export function planPeopleImport(rows: readonly PeopleRow[], existing: readonly Person[]): PeopleImportPlan {
  const plan: PeopleImportPlan = { add: [], update: [] };
  const claimed = new Map<string, number>();
  const problems: CsvError[] = [];
  for (const row of rows) {
    const name = String(row.body.name).trim().toLowerCase();
    const match =
      existing.find((p) => row.id !== null && p.id === row.id) ??
      existing.find((p) => p.name.trim().toLowerCase() === name);
    if (!match) {
      plan.add.push(row);
      continue;
    }
    const other = claimed.get(match.id);
    if (other !== undefined) {
      problems.push(new CsvError(row.row, 'id', `row ${other} already updates ${match.name}`));
      continue;
    }
    claimed.set(match.id, row.row);
    plan.update.push({ ...row, personId: match.id });
  }
  if (problems.length > 0) throw new CsvImportError(problems);
  return plan;
}
