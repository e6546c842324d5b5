/**
 * The call sheet of one shooting day on paper, from the derived sheet (calc/call-sheet.ts), so paper, screen
 * and the published copy cannot disagree. Sections in the order people read them (domain.md): header with
 * calls, sun and weather; locations; scenes; cast; background; notes and requirements; crew calls; advance
 * schedule; key contacts. A published revision's colour is printed in words on every page, top and bottom,
 * because copies are photocopied black and white. A personal copy puts that person's call first and marks
 * their scenes.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { personalCall, type CallSheet, type CallSheetRow } from '../calc/call-sheet';
import { REQUIREMENT_LABELS } from '../model/callsheet-types';
import {
  clockTime,
  documentFrame,
  emptyNote,
  GRID_LAYOUT,
  headerRow,
  longDate,
  spanRow,
  type Paper,
} from './frame';

export interface CallSheetPdfOptions {
  /** A published revision: number and colour name ("Blue"); the working copy when absent. */
  revision?: { n: number; colour: string };
  /** A person on the crew and cast list: their own call at the top, their scenes marked. */
  highlightPersonId?: string;
}

export interface CallSheetPdfInput {
  production: string;
  /** The date the copy was made. */
  date: string;
  paper: Paper;
  /** The derived sheet, or null when the schedule has no such shooting day (the copy says so). */
  sheet: CallSheet | null;
  /** The day asked for, named when there is no sheet. */
  dayNumber: number;
  options?: CallSheetPdfOptions;
}

const MISSING = '—';
const HIGHLIGHT = '#d8d8d8';

const time = (value: string | null) => (value === null ? MISSING : clockTime(value));
const text = (value: string | null) => value ?? MISSING;

/** `Revision 2 · BLUE`: the colour in capitals, since the paper itself may be white after photocopying. */
export function revisionLabel(revision: CallSheetPdfOptions['revision']): string {
  return revision
    ? `Revision ${revision.n} · ${revision.colour.toUpperCase()}`
    : 'Working copy (not published)';
}

function table(widths: (string | number)[], body: TableCell[][], empty: string): Content {
  if (body.length <= 1) return emptyNote(empty);
  return { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: GRID_LAYOUT };
}

const section = (title: string): Content => ({ text: title, style: 'sectionTitle' });

function header(sheet: CallSheet): Content {
  const { day } = sheet;
  const fact = (label: string, value: string, big = false): Content => ({
    text: [
      { text: `${label}  `, style: 'muted' },
      { text: value, bold: true, fontSize: big ? 16 : 10 },
    ],
    margin: [0, 0, 0, 2],
  });
  return {
    columns: [
      {
        width: '*',
        stack: [
          { text: day.label, fontSize: 14, bold: true },
          { text: longDate(day.date), fontSize: 10, margin: [0, 2, 0, 4] },
          fact('Weather', text(sheet.weather)),
          ...(day.notes ? [{ text: day.notes, style: 'small', margin: [0, 2, 0, 0] } as Content] : []),
        ],
      },
      {
        width: 190,
        stack: [
          fact('Crew call', time(day.crewCall), true),
          fact('Shooting call', time(day.shootingCall)),
          fact('Projected lunch', time(day.projectedLunch)),
          fact('Sunrise', time(day.sunrise)),
          fact('Sunset', time(day.sunset)),
        ],
      },
    ],
    margin: [0, 0, 0, 6],
  };
}

function yourCall(sheet: CallSheet, personId: string): Content[] {
  const you = personalCall(sheet, personId);
  if (!you) return [];
  const role = [you.title, you.department].filter(Boolean).join(', ');
  return [
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              fillColor: HIGHLIGHT,
              margin: [4, 4, 4, 4],
              stack: [
                { text: `${you.name}${role ? ` (${role})` : ''}`, bold: true, fontSize: 11 },
                {
                  text: [
                    { text: 'YOUR CALL  ', bold: true },
                    {
                      text: you.call === null ? 'not called today' : clockTime(you.call),
                      bold: true,
                      fontSize: 18,
                    },
                    ...(you.pickup ? [{ text: `   pickup ${clockTime(you.pickup)}` }] : []),
                  ],
                },
                ...(you.scenes.length > 0 ? [{ text: `Your scenes: ${you.scenes.join(', ')}` }] : []),
              ],
            },
          ],
        ],
      },
      layout: GRID_LAYOUT,
      margin: [0, 0, 0, 8],
    },
  ];
}

function locations(sheet: CallSheet): Content[] {
  const body: TableCell[][] = [headerRow(['Location', 'Address', 'Scenes', 'Nearest hospital'])];
  for (const l of sheet.locations) {
    body.push([
      { text: l.name, bold: true },
      text(l.address),
      l.scenes.join(', ') || MISSING,
      text(l.hospital),
    ]);
  }
  return [
    section('Locations'),
    table(['22%', '28%', '12%', '38%'], body, 'No location on the day’s scenes.'),
    {
      margin: [0, 4, 0, 0],
      text: [
        { text: 'Parking  ', style: 'muted' },
        text(sheet.parking),
        { text: '     Basecamp  ', style: 'muted' },
        text(sheet.basecamp),
      ],
    },
  ];
}

function sceneRows(rows: readonly CallSheetRow[], mine: ReadonlySet<number>, detail: boolean): TableCell[][] {
  const columns = 6;
  return rows.flatMap((row): TableCell[][] => {
    if (row.type === 'banner') {
      return [spanRow({ text: row.text.toUpperCase(), style: 'band', alignment: 'center' }, columns)];
    }
    const highlighted = row.castBillings.some((b) => mine.has(b));
    const fill = highlighted ? { fillColor: HIGHLIGHT, bold: true } : {};
    const number = `${text(row.number)}${row.part === null ? '' : ` (pt ${row.part})`}`;
    const cells: TableCell[] = [
      // The mark survives a black-and-white copy where the grey fill may not.
      { text: highlighted ? `» ${number}` : number, ...fill },
      { text: text(row.intExt), ...fill },
      {
        stack: [
          { text: text(row.set) },
          ...(row.location ? [{ text: row.location, style: 'small' }] : []),
          ...(detail
            ? row.requirements.map((r) => ({
                text: `${REQUIREMENT_LABELS[r.kind]}: ${r.text}`,
                style: 'small',
                italics: true,
              }))
            : []),
        ],
        ...fill,
      },
      { text: text(row.time), ...fill },
      { text: row.pages, alignment: 'right', ...fill },
      { text: row.castBillings.join(', '), ...fill },
    ];
    return [cells];
  });
}

function scenes(sheet: CallSheet, mine: ReadonlySet<number>): Content[] {
  const body: TableCell[][] = [
    headerRow(['Scene', 'I/E', 'Set · location · requirements', 'D/N', 'Pages', 'Cast'], [4]),
    ...sceneRows(sheet.rows, mine, true),
  ];
  if (body.length > 1) {
    body.push([
      { text: 'Total', style: 'total', colSpan: 4 },
      {},
      {},
      {},
      { text: sheet.totalPages, style: 'total', alignment: 'right' },
      {},
    ]);
  }
  return [section('Scenes'), table([44, 26, '*', 38, 36, 60], body, 'No scenes scheduled on this day.')];
}

function cast(sheet: CallSheet, highlight: string | undefined): Content[] {
  const body: TableCell[][] = [
    headerRow(['#', 'Character', 'Actor', 'Status', 'Pickup', 'Hair & make-up', 'On set']),
  ];
  for (const c of sheet.cast) {
    const fill = c.personId !== null && c.personId === highlight ? { fillColor: HIGHLIGHT, bold: true } : {};
    body.push(
      [
        String(c.billing),
        c.character,
        c.actor,
        c.dood,
        time(c.pickup),
        time(c.hairMakeup),
        time(c.onSet),
      ].map((t) => ({ text: t, ...fill })),
    );
  }
  return [section('Cast'), table([18, '*', '*', 34, 44, 62, 44], body, 'No cast working or holding today.')];
}

function background(sheet: CallSheet): Content[] {
  if (sheet.background.length === 0) return [];
  const body: TableCell[][] = [headerRow(['Background', 'Count', 'Call', 'On set', 'Notes'], [1])];
  for (const b of sheet.background) {
    body.push([b.group, { text: String(b.count), alignment: 'right' }, time(b.call), time(b.onSet), b.notes]);
  }
  return [section('Background'), table(['*', 36, 40, 40, '*'], body, '')];
}

function notes(sheet: CallSheet): Content[] {
  const lines: Content[] = [];
  if (sheet.notes) lines.push({ text: sheet.notes, margin: [0, 0, 0, 4] });
  for (const d of sheet.departmentNotes) {
    lines.push({ text: [{ text: `${d.department}: `, bold: true }, d.note], margin: [0, 0, 0, 2] });
  }
  for (const r of sheet.requirements) {
    lines.push({
      text: [{ text: `Scene ${text(r.sceneNumber)} · ${REQUIREMENT_LABELS[r.kind]}: `, bold: true }, r.text],
      margin: [0, 0, 0, 2],
    });
  }
  return lines.length === 0 ? [] : [section('Notes and special requirements'), ...lines];
}

function crewCalls(sheet: CallSheet, highlight: string | undefined): Content[] {
  const body: TableCell[][] = [headerRow(['Department', 'Name', 'Title', 'Call'], [3])];
  for (const d of sheet.crewCalls) {
    body.push(
      spanRow({ text: `${d.department ?? 'No department'} · ${clockTime(d.call)}`, style: 'band' }, 4),
    );
    for (const p of d.people) {
      const fill = p.personId === highlight ? { fillColor: HIGHLIGHT, bold: true } : {};
      body.push([
        { text: '', ...fill },
        { text: p.name, ...fill },
        { text: text(p.title), ...fill },
        { text: `${clockTime(p.call)}${p.overridden ? ' *' : ''}`, alignment: 'right', ...fill },
      ]);
    }
  }
  return [
    section('Crew calls'),
    table([70, '*', '*', 54], body, 'No crew on the list yet.'),
    ...(sheet.crewCalls.some((d) => d.people.some((p) => p.overridden))
      ? [{ text: '* a call set for this day', style: 'small', margin: [0, 2, 0, 0] } as Content]
      : []),
  ];
}

function advance(sheet: CallSheet): Content[] {
  if (!sheet.advance)
    return [section('Advance schedule'), emptyNote('Last shooting day: no advance schedule.')];
  const { day, rows } = sheet.advance;
  const body: TableCell[][] = [
    headerRow(['Scene', 'I/E', 'Set', 'D/N', 'Pages', 'Cast'], [4]),
    ...sceneRows(rows, new Set(), false),
  ];
  return [
    section(`Advance schedule: ${day.label}, ${longDate(day.date)}, crew call ${clockTime(day.crewCall)}`),
    table([44, 26, '*', 38, 36, 60], body, 'Nothing scheduled yet on the next shooting day.'),
  ];
}

function contacts(sheet: CallSheet): Content[] {
  const body: TableCell[][] = [headerRow(['Name', 'Role', 'Phone', 'E-mail'])];
  for (const c of sheet.keyContacts) {
    body.push([
      { text: c.name, bold: true },
      [c.title, c.department].filter(Boolean).join(', ') || MISSING,
      text(c.phone),
      text(c.email),
    ]);
  }
  return [
    section('Key contacts'),
    table(['*', '*', '*', '*'], body, 'No key contacts marked on the crew list.'),
  ];
}

/** The call sheet as a pdfmake document. */
export function buildCallSheet(input: CallSheetPdfInput): TDocumentDefinitions {
  const { sheet } = input;
  const options = input.options ?? {};
  const revision = revisionLabel(options.revision);
  const detail = sheet ? `${sheet.day.label} · ${longDate(sheet.day.date)}` : `Day ${input.dayNumber}`;
  const rev = options.revision;
  const base = {
    production: input.production,
    document: 'Call sheet',
    detail,
    date: input.date,
    ...(rev ? { revision: `${rev.n} · ${rev.colour.toUpperCase()}` } : {}),
  };
  if (!sheet) {
    return documentFrame({
      paper: input.paper,
      title: base,
      stamp: revision,
      content: [emptyNote(`The schedule has no shooting day ${input.dayNumber}.`)],
    });
  }
  const you = options.highlightPersonId;
  const mine = new Set(
    sheet.cast.filter((c) => c.personId !== null && c.personId === you).map((c) => c.billing),
  );
  return documentFrame({
    paper: input.paper,
    title: base,
    stamp: revision,
    content: [
      ...(you ? yourCall(sheet, you) : []),
      header(sheet),
      ...locations(sheet),
      ...scenes(sheet, mine),
      ...cast(sheet, you),
      ...background(sheet),
      ...notes(sheet),
      ...crewCalls(sheet, you),
      ...advance(sheet),
      ...contacts(sheet),
    ],
  });
}
