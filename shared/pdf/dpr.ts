/**
 * The daily production report on paper: one day, as payroll and the producer read it. Title block with the
 * sign-off state (the revision line), then times, scenes, pages and setups against plan, the report-only
 * counts, cast times with meal penalties, background, crew, delays and incidents, notes. Every figure comes
 * from shared/calc/dpr.ts (the screen's and the API's), and a corrected one says so.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DprFigureValue, DprReport, DprSceneRow } from '../calc/dpr';
import { formatEighths } from '../calc/eighths';
import type { DprState } from '../dpr-api';
import type { DprFigure } from '../model/dpr';
import {
  clockTime,
  COLOURS,
  documentFrame,
  emptyNote,
  GRID_LAYOUT,
  headerRow,
  longDate,
  type Paper,
} from './frame';

export interface DprInput {
  production: string;
  date: string;
  paper: Paper;
  report: DprReport;
  state: DprState;
  /** Who took the last sign-off step and when (ISO), and the return comment. */
  signoff: { at: string | null; by: { name: string } | null; comment: string | null };
}

export const DPR_FIGURE_LABELS: Record<DprFigure, string> = {
  crewCall: 'Crew call',
  firstShot: 'First shot',
  lunchOut: 'Lunch out',
  lunchIn: 'Lunch in',
  firstShotAfterLunch: 'First shot after lunch',
  secondMealOut: 'Second meal out',
  secondMealIn: 'Second meal in',
  cameraWrap: 'Camera wrap',
  crewWrap: 'Crew wrap',
  lastOut: 'Last person out',
  pagesPlanned: 'Pages planned',
  pagesShot: 'Pages shot',
  setupsPlanned: 'Setups planned',
  setupsShot: 'Setups shot',
  screenSeconds: 'Screen time',
  cameraCards: 'Camera cards',
  soundRolls: 'Sound rolls',
  notes: 'Notes',
};

export const DPR_STATE_LABELS: Record<DprState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  returned: 'Returned',
};

/** A figure's value as written on the report: `07:02`, `2 3/8`, `4`, `2:35` (screen time), `—` missing. */
export function figureText(figure: Pick<DprFigureValue, 'unit' | 'value'>): string {
  const { unit, value } = figure;
  if (value === null || value === '') return '—';
  if (unit === 'clock') return clockTime(String(value));
  if (unit === 'eighths') return formatEighths(Number(value));
  if (unit === 'seconds') {
    const s = Number(value);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
  return String(value);
}

const TIMES: DprFigure[] = [
  'crewCall',
  'firstShot',
  'lunchOut',
  'lunchIn',
  'firstShotAfterLunch',
  'secondMealOut',
  'secondMealIn',
  'cameraWrap',
  'crewWrap',
  'lastOut',
];
const COUNTS: DprFigure[] = ['screenSeconds', 'cameraCards', 'soundRolls'];

const dash = (x: string | null) => (x === null || x === '' ? '—' : clockTime(x));

export function buildDpr(input: DprInput): TDocumentDefinitions {
  const { report } = input;
  const f = report.figures;
  const figureRow = (name: DprFigure): TableCell[] => [
    { text: DPR_FIGURE_LABELS[name], bold: true },
    { text: figureText(f[name]), alignment: 'right' },
    {
      text: f[name].corrected
        ? `Corrected (was ${figureText({ ...f[name], value: f[name].derived })})`
        : f[name].source,
      style: 'small',
      color: COLOURS.muted,
    },
  ];
  const figureTable = (names: DprFigure[]): Content => ({
    table: {
      headerRows: 1,
      widths: [120, 60, '*'],
      body: [headerRow(['', 'Actual', 'From'], [1]), ...names.map(figureRow)],
    },
    layout: GRID_LAYOUT,
  });
  const sceneList = (rows: readonly DprSceneRow[]) =>
    rows.length === 0
      ? '—'
      : rows.map((r) => `${r.number ?? '?'}${r.part ? ` (pt ${r.part})` : ''} ${r.pages}`).join(', ');

  const content: Content[] = [
    {
      text: `${report.day.label} of ${report.day.of}  ·  ${longDate(report.day.date)}  ·  ${DPR_STATE_LABELS[input.state]}${
        input.signoff.by && input.signoff.at
          ? ` by ${input.signoff.by.name}, ${input.signoff.at.slice(0, 16).replace('T', ' ')} UTC`
          : ''
      }`,
      bold: true,
      margin: [0, 0, 0, 4],
    },
    ...(input.state === 'returned' && input.signoff.comment
      ? [{ text: `Returned: ${input.signoff.comment}`, color: '#a00000', margin: [0, 0, 0, 4] } as Content]
      : []),
    { text: 'Times', style: 'sectionTitle' },
    figureTable(TIMES),
    ...(report.moves.length > 0
      ? [
          {
            text: `Company moves: ${report.moves.map((m) => `${clockTime(m.start)} to ${m.end === null ? '—' : clockTime(m.end)}`).join('; ')}`,
            margin: [0, 4, 0, 0],
          } as Content,
        ]
      : []),
    { text: 'Scenes, pages and setups', style: 'sectionTitle' },
    {
      table: {
        headerRows: 1,
        widths: [120, '*'],
        body: [
          headerRow(['', 'Scenes']),
          [{ text: 'Completed', bold: true }, sceneList(report.scenes.completed)],
          [{ text: 'Partial', bold: true }, sceneList(report.scenes.partial)],
          [{ text: 'Not shot', bold: true }, sceneList(report.scenes.notShot)],
          [
            { text: 'Added', bold: true },
            report.scenes.added.length === 0
              ? '—'
              : report.scenes.added
                  .map((a) => `${a.scene} ${formatEighths(a.eighths)} (${a.status})`)
                  .join(', '),
          ],
        ],
      },
      layout: GRID_LAYOUT,
      margin: [0, 0, 0, 6],
    },
    figureTable(['pagesPlanned', 'pagesShot', 'setupsPlanned', 'setupsShot', ...COUNTS]),
    { text: `Cast (meal penalties: ${report.mealPenalties})`, style: 'sectionTitle' },
    report.cast.length === 0
      ? emptyNote('No cast on this day.')
      : {
          table: {
            headerRows: 1,
            widths: ['*', 38, 38, 38, 38, 38, 38, 42, 44],
            body: [
              headerRow(
                [
                  'Cast',
                  'Report',
                  'On set',
                  'Meal out',
                  'Meal in',
                  '2nd out',
                  '2nd in',
                  'Dismissed',
                  'Penalties',
                ],
                [8],
              ),
              ...report.cast.map((c): TableCell[] => [
                `${c.billing ?? '?'}. ${c.character ?? 'Cast member'}${c.actor ? ` (${c.actor})` : ''}`,
                dash(c.report),
                dash(c.onSet),
                dash(c.mealOut),
                dash(c.mealIn),
                dash(c.meal2Out),
                dash(c.meal2In),
                dash(c.dismissed),
                {
                  text: c.penalties === null ? '—' : `${c.penalties}${c.earlyMeal ? ' (early meal)' : ''}`,
                  alignment: 'right',
                },
              ]),
            ],
          },
          layout: GRID_LAYOUT,
        },
    { text: `Background (${report.backgroundTotal})`, style: 'sectionTitle' },
    rowsTable(
      ['Group', 'Count', 'In', 'Out'],
      report.background.map((b) => [b.group, String(b.count), dash(b.in), dash(b.out)]),
      'No background on this day.',
    ),
    { text: `Crew (${report.crewTotal})`, style: 'sectionTitle' },
    rowsTable(
      ['Department', 'Count', 'In', 'Out'],
      report.crew.map((c) => [c.department, String(c.count), dash(c.in), dash(c.out)]),
      'No crew counts typed.',
    ),
    { text: `Delays and incidents (${report.delayMinutes} minutes of delay)`, style: 'sectionTitle' },
    rowsTable(
      ['At', 'Kind', 'Minutes', 'What happened'],
      report.events.map((e) => [clockTime(e.at), e.kind, String(e.minutes), e.text]),
      'None.',
      [50, 60, 50, '*'],
    ),
    { text: 'Notes', style: 'sectionTitle' },
    typeof f.notes.value === 'string' && f.notes.value.trim() !== ''
      ? { text: f.notes.value }
      : emptyNote('No notes.'),
  ];
  return documentFrame({
    paper: input.paper,
    title: {
      production: input.production,
      document: 'Daily production report',
      detail: report.day.label,
      date: input.date,
      revision: DPR_STATE_LABELS[input.state],
    },
    content,
  });
}

function rowsTable(
  labels: string[],
  rows: string[][],
  empty: string,
  widths: (number | string)[] = ['*', 50, 50, 50],
): Content {
  if (rows.length === 0) return emptyNote(empty);
  return {
    table: { headerRows: 1, widths, body: [headerRow(labels, [1]), ...rows] },
    layout: GRID_LAYOUT,
  };
}
