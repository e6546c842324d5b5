/**
 * What every printed board shares: the paper (A4 or US Letter, chosen by the production, defaulting from the
 * locale), the title block (production, document, date, revision line), "page 2 of 5" footers, and the
 * styles the builders refer to. Builders return pdfmake document definitions: plain data, so they are
 * tested without rendering and rendered the same way in the browser and in Node.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

/** US Letter where it is the norm (the US, Canada, Mexico, the Philippines, Chile, Colombia...); A4 elsewhere. */
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PH',
  'CL',
  'CO',
  'VE',
  'GT',
  'CR',
  'PA',
  'DO',
  'PR',
  'SV',
]);

/** `en-US` -> letter, `en-GB` / `fr` -> a4. A bare language has no region: A4, the world's default. */
export function paperForLocale(locale: string | null | undefined): Paper {
  const region = /^[a-z]{2,3}[-_]([A-Z]{2})\b/i.exec(locale ?? '')?.[1]?.toUpperCase();
  return region !== undefined && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}

export function isPaper(value: unknown): value is Paper {
  return typeof value === 'string' && (PAPERS as readonly string[]).includes(value);
}

/** `Low Tide`, `Shot list`, `2026-12-07` -> `low-tide-shot-list-2026-12-07.pdf` (ASCII, safe in any header). */
export function pdfFileName(production: string, document: string, date: string): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${[slug(production) || 'production', slug(document), date].join('-')}.pdf`;
}

const PAGE_SIZE: Record<Paper, 'A4' | 'LETTER'> = { a4: 'A4', letter: 'LETTER' };

export interface TitleBlock {
  /** The production's name. */
  production: string;
  /** The document's name: "Shot list", "One-liner". */
  document: string;
  /** What this copy shows: "Script order · all days". */
  detail?: string;
  /** The date the copy was made, ISO `YYYY-MM-DD`. */
  date: string;
  /** The revision line; the working copy when not given. */
  revision?: string;
}

export interface FrameOptions {
  paper: Paper;
  orientation?: 'portrait' | 'landscape';
  title: TitleBlock;
  content: Content[];
  /**
   * Printed at the top and bottom of EVERY page, the first included: a call sheet's revision colour, which a
   * photocopy would otherwise lose with the paper's colour.
   */
  stamp?: string;
}

export const COLOURS = {
  ink: '#111111',
  muted: '#555555',
  rule: '#9a9a9a',
  band: '#e4e4e4',
  header: '#cfcfcf',
  greyed: '#9a9a9a',
} as const;

function dateParts(iso: string, style: 'long' | 'short'): string[] | null {
  const d = new Date(`${iso}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: style,
    day: 'numeric',
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return [part('weekday'), part('day'), part('month'), part('year')];
}

/** `2026-12-07` -> `Monday 7 December 2026`, the way a call sheet writes it (no time zone shift). */
export function longDate(iso: string): string {
  return dateParts(iso, 'long')?.join(' ') ?? iso;
}

/** `2026-12-07` -> `Mon 7 Dec`. */
export function shortDate(iso: string): string {
  return dateParts(iso, 'short')?.slice(0, 3).join(' ') ?? iso;
}

/**
 * A day of the schedule as the paperwork names it: `Day 2 of 18` for a shooting day (numbered among shooting
 * days only), `Day off` and `Travel day` for the others. `dayNumber` and `ofDays` come from calc pageTotals.
 */
export function dayName(day: { kind?: string }, dayNumber: number, ofDays: number): string {
  if (day.kind === 'off') return 'Day off';
  if (day.kind === 'travel') return 'Travel day';
  return `Day ${dayNumber} of ${ofDays}`;
}

/** Times of the shooting day past midnight (`26:30`) are written `02:30 (+1)`, as call sheets do. */
export function clockTime(clock: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) return clock || '—';
  const hours = Number(m[1]);
  if (hours < 24) return clock;
  return `${String(hours - 24).padStart(2, '0')}:${m[2]} (+1)`;
}

/** `85` -> `1h 25m`, `40` -> `40m`: how the shot list board writes minutes. */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

/** A table layout with light rules: readable photocopied, and no heavy ink. */
export const GRID_LAYOUT = {
  hLineWidth: (i: number, node: { table: { headerRows?: number } }) =>
    i === 0 || i === (node.table.headerRows ?? 0) ? 0.8 : 0.4,
  vLineWidth: () => 0.4,
  hLineColor: () => COLOURS.rule,
  vLineColor: () => COLOURS.rule,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

const PAGE_POINTS: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };
const SIDE_MARGIN = 32;

/** The width between the side margins, in points. */
export function contentWidth(paper: Paper, orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const [short, long] = PAGE_POINTS[paper];
  return (orientation === 'landscape' ? long : short) - 2 * SIDE_MARGIN;
}

function titleBlock(title: TitleBlock, width: number): Content {
  const revision = title.revision ?? 'Working copy';
  return {
    margin: [0, 0, 0, 8],
    stack: [
      { text: title.production, style: 'production' },
      {
        text: [
          { text: title.document, style: 'documentTitle' },
          ...(title.detail ? [{ text: `  ·  ${title.detail}`, style: 'detail' }] : []),
        ],
      },
      {
        text: `${longDate(title.date)}  ·  Revision: ${revision}`,
        style: 'revision',
      },
      {
        canvas: [{ type: 'line', x1: 0, y1: 4, x2: width, y2: 4, lineWidth: 0.8, lineColor: COLOURS.ink }],
        margin: [0, 0, 0, 2],
      },
    ],
  };
}

/** The whole document: paper, title block on the first page, running head and "page n of m" on every page. */
export function documentFrame(options: FrameOptions): TDocumentDefinitions {
  const { title } = options;
  return {
    pageSize: PAGE_SIZE[options.paper],
    pageOrientation: options.orientation ?? 'portrait',
    pageMargins: [32, 36, 32, 40],
    info: {
      title: `${title.production} - ${title.document}${title.detail ? ` (${title.detail})` : ''} - ${title.date}`,
      subject: title.document,
      creator: 'Setboard',
      producer: 'Setboard',
    },
    header: (currentPage: number) => {
      const stamp = options.stamp
        ? { text: options.stamp, style: 'stamp', alignment: 'right' as const }
        : null;
      if (currentPage === 1) return stamp ? { ...stamp, margin: [32, 16, 32, 0] } : null;
      const head = {
        text: `${title.production}  ·  ${title.document}${title.detail ? `  ·  ${title.detail}` : ''}  ·  ${title.date}`,
        style: 'runningHead',
      };
      return stamp
        ? { columns: [head, stamp], margin: [32, 16, 32, 0] }
        : { ...head, margin: [32, 16, 32, 0] };
    },
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: `${title.production}  ·  ${title.document}`, style: 'footer' },
        ...(options.stamp ? [{ text: options.stamp, style: 'stamp', alignment: 'center' as const }] : []),
        { text: `page ${currentPage} of ${pageCount}`, style: 'footer', alignment: 'right' },
      ],
      margin: [32, 12, 32, 0],
    }),
    content: [titleBlock(title, contentWidth(options.paper, options.orientation)), ...options.content],
    defaultStyle: { font: 'Roboto', fontSize: 8.5, color: COLOURS.ink, lineHeight: 1.1 },
    styles: {
      production: { fontSize: 16, bold: true },
      documentTitle: { fontSize: 12, bold: true },
      detail: { fontSize: 10, color: COLOURS.muted },
      revision: { fontSize: 8.5, color: COLOURS.muted, margin: [0, 2, 0, 0] },
      runningHead: { fontSize: 7.5, color: COLOURS.muted },
      footer: { fontSize: 7.5, color: COLOURS.muted },
      stamp: { fontSize: 8.5, bold: true, color: COLOURS.ink },
      tableHeader: { bold: true, fontSize: 8, fillColor: COLOURS.header },
      band: { bold: true, fillColor: COLOURS.band },
      sectionTitle: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      greyed: { color: COLOURS.greyed, decoration: 'lineThrough' },
      small: { fontSize: 7.5 },
      muted: { color: COLOURS.muted },
      total: { bold: true },
      num: { alignment: 'right' },
    },
  };
}

/** A header row: the cells' text in the header style (repeated on every page through `headerRows`). */
export function headerRow(labels: readonly string[], rightAligned: readonly number[] = []): TableCell[] {
  return labels.map((text, i) => ({
    text,
    style: 'tableHeader',
    ...(rightAligned.includes(i) ? { alignment: 'right' as const } : {}),
  }));
}

/** A row that spans the whole table: pdfmake wants the spanned cells present, as empty objects. */
export function spanRow(cell: Record<string, unknown>, columns: number): TableCell[] {
  const first = { ...cell, colSpan: columns } as unknown as TableCell;
  return [first, ...Array.from({ length: columns - 1 }, () => ({}) as TableCell)];
}

/** Nothing to print still prints a sheet that says so, never an empty page. */
export function emptyNote(text: string): Content {
  return { text, italics: true, color: COLOURS.muted, margin: [0, 12, 0, 0] };
}
