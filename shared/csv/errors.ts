/** A problem in an imported file, located the way a person finds it in a spreadsheet: row and column. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    /** 1-based, counting the header as row 1. */
    readonly row: number,
    /** Column name from the header, or its 1-based number when the header itself is at fault. */
    readonly column: string | number,
    readonly detail: string,
  ) {
    super(`row ${row}, column ${typeof column === 'number' ? column : JSON.stringify(column)}: ${detail}`);
  }
}

/** Every problem found in a file (validation runs over all rows before anything is written). */
export class CsvImportError extends Error {
  override name = 'CsvImportError';
  constructor(readonly problems: CsvError[]) {
    const shown = problems.slice(0, 10).map((p) => p.message);
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
    super(`The file was not imported: ${shown.join('; ')}${more}`);
  }
}
