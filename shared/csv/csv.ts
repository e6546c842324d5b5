/**
 * RFC 4180 CSV: comma separated, CRLF rows, fields quoted when they hold a comma, quote or line break, with
 * quotes doubled. The parser accepts LF or CRLF and a leading UTF-8 byte-order mark (spreadsheets add one).
 */
import { CsvError } from './errors';

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows of fields. Row numbers in errors are 1-based lines of the file as a spreadsheet shows them. */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  let i = 0;
  const endRow = () => {
    row.push(field);
    // a blank line (one empty field) is skipped, as spreadsheets do
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(
            rows.length + 1,
            row.length + 1,
            'text after a closing quote; double the quote inside a quoted field',
          );
        }
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (quoted) throw new CsvError(rows.length + 1, row.length + 1, 'a quoted field is never closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
