/**
 * The schedule on paper, three ways: the stripboard (landscape; strips in their INT/EXT x D/N colours, banners,
 * a day break after each day with its page total; the boneyard last), the one-liner (one line per strip
 * grouped by day, with the day's calls and pages), and the day out of days (cast x days with the codes and
 * totals).
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { dayOutOfDays, type DoodCode } from '../calc/dood';
import { formatEighths } from '../calc/eighths';
import { pageTotals, sceneIndex, stripColour, stripEighths, type StripColour } from '../calc/schedule-totals';
import type { Breakdown, CastMember, Scene } from '../model/breakdown';
import { selectDayItems, type BoardItem, type Schedule, type Strip } from '../model/schedule';
import { castNames } from './shotlist';
import {
  clockTime,
  COLOURS,
  dayName,
  documentFrame,
  emptyNote,
  GRID_LAYOUT,
  headerRow,
  longDate,
  shortDate,
  spanRow,
  type Paper,
} from './frame';

export const SCHEDULE_VIEWS = ['stripboard', 'oneliner', 'dood'] as const;
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number];

export interface ScheduleInput {
  production: string;
  date: string;
  paper: Paper;
  schedule: Schedule;
  /** Scene headings and cast; null when this member may not read the breakdown (strips then show less). */
  breakdown: Breakdown | null;
  view: ScheduleView;
}

/** Printed fills for the strip colours: the stripboard's white, yellow, blue and green, light enough to read. */
export const STRIP_FILL: Record<StripColour, string> = {
  white: '#ffffff',
  yellow: '#fff3a0',
  blue: '#b9d7f5',
  green: '#bfe6bf',
};

const DAY_BREAK_FILL = '#222222';
const BANNER_FILL = '#ffd9a8';

export function buildSchedule(input: ScheduleInput): TDocumentDefinitions {
  const detail = { stripboard: 'Stripboard', oneliner: 'One-liner', dood: 'Day out of days' }[input.view];
  const content =
    input.view === 'stripboard'
      ? stripboard(input)
      : input.view === 'oneliner'
        ? oneLiner(input)
        : dood(input);
  return documentFrame({
    paper: input.paper,
    orientation: input.view === 'oneliner' ? 'portrait' : 'landscape',
    title: { production: input.production, document: 'Schedule', detail, date: input.date },
    content,
  });
}

const shootingDays = (schedule: Schedule) => schedule.days.filter((d) => d.kind === 'shoot').length;

function doodDay(day: { kind?: string }, dayNumber: number): string {
  return day.kind === 'off' ? 'Off' : day.kind === 'travel' ? 'Travel' : `Day ${dayNumber}`;
}

function castIds(scene: Scene | undefined, cast: ReadonlyMap<string, CastMember>): string {
  if (!scene) return '';
  return scene.castIds
    .map((id) => cast.get(id)?.billing)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b)
    .join(', ');
}

function sceneNumber(strip: Strip, scene: Scene | undefined): string {
  const n = scene?.number ?? '?';
  return strip.part === null ? n : `${n} pt ${strip.part}`;
}

const STATUS: Record<Strip['status'], string> = {
  planned: '',
  shooting: 'Shooting',
  done: 'Done',
  partial: 'Partial',
};

function stripboard(input: ScheduleInput): Content[] {
  const { schedule } = input;
  const scenes = sceneIndex(input.breakdown?.scenes ?? []);
  const cast = new Map((input.breakdown?.cast ?? []).map((c) => [c.id, c]));
  const totals = pageTotals(schedule, input.breakdown?.scenes ?? []);
  const labels = ['Sc.', 'I/E', 'Set', 'D/N', 'Pages', 'Cast', 'Synopsis', 'Est.', 'Status'];
  const n = labels.length;
  const body: TableCell[][] = [headerRow(labels, [4, 7])];
  const items = (dayId: string | null) => selectDayItems(schedule, dayId);
  const addItems = (list: BoardItem[]) => {
    for (const item of list) {
      if (item.type === 'banner') {
        body.push(spanRow({ text: item.text, bold: true, alignment: 'center', fillColor: BANNER_FILL }, n));
        continue;
      }
      const scene = scenes.get(item.sceneId);
      const fill = STRIP_FILL[scene ? stripColour(scene) : 'white'];
      const c = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
        text,
        fillColor: fill,
        ...extra,
      });
      body.push([
        c(sceneNumber(item, scene), { bold: true }),
        c(scene?.intExt ?? ''),
        c(scene?.set ?? 'Scene not in the breakdown'),
        c(scene?.time ?? ''),
        c(formatEighths(stripEighths(item, scenes)), { alignment: 'right' }),
        c(castIds(scene, cast)),
        c(scene?.synopsis ?? ''),
        c(`${item.minutes} min`, { alignment: 'right' }),
        c(STATUS[item.status]),
      ]);
    }
  };
  schedule.days.forEach((day, i) => {
    addItems(items(day.id));
    const pages = totals.days[i]?.pages ?? '0';
    body.push(
      spanRow(
        {
          text: `END OF ${dayName(day, totals.days[i]?.dayNumber ?? 0, totals.days[i]?.ofDays ?? 0).toUpperCase()}  ·  ${longDate(day.date)}  ·  crew call ${clockTime(day.crewCall)}  ·  shooting call ${clockTime(day.shootingCall)}  ·  ${pages} pages`,
          bold: true,
          color: '#ffffff',
          fillColor: DAY_BREAK_FILL,
        },
        n,
      ),
    );
  });
  const boneyard = items(null);
  if (boneyard.length > 0) {
    body.push(
      spanRow(
        {
          text: `BONEYARD (not scheduled)  ·  ${formatEighths(totals.boneyardEighths)} pages`,
          bold: true,
          fillColor: COLOURS.band,
        },
        n,
      ),
    );
    addItems(boneyard);
  }
  if (body.length === 1) return [emptyNote('The schedule has no days or strips yet.')];
  return [
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [34, 42, 130, 38, 34, 50, '*', 40, 44], body },
      layout: GRID_LAYOUT,
    },
    legend(),
    {
      text: `Scheduled ${formatEighths(totals.scheduledEighths)} pages over ${shootingDays(schedule)} shooting days; boneyard ${formatEighths(totals.boneyardEighths)}; total ${formatEighths(totals.totalEighths)}.`,
      margin: [0, 4, 0, 0],
    },
  ];
}

function legend(): Content {
  const swatch = (colour: StripColour, label: string): Content =>
    ({
      columns: [
        {
          canvas: [
            {
              type: 'rect',
              x: 0,
              y: 1,
              w: 14,
              h: 8,
              color: STRIP_FILL[colour],
              lineColor: COLOURS.rule,
              lineWidth: 0.5,
            },
          ],
          width: 18,
        },
        { text: label, width: 60 },
      ],
      columnGap: 2,
      width: 'auto',
    }) as Content;
  return {
    columns: [
      swatch('white', 'INT DAY'),
      swatch('yellow', 'EXT DAY'),
      swatch('blue', 'INT NIGHT'),
      swatch('green', 'EXT NIGHT'),
    ],
    columnGap: 14,
    margin: [0, 6, 0, 0],
  };
}

function oneLiner(input: ScheduleInput): Content[] {
  const { schedule } = input;
  const scenes = sceneIndex(input.breakdown?.scenes ?? []);
  const cast = new Map((input.breakdown?.cast ?? []).map((c) => [c.id, c]));
  const totals = pageTotals(schedule, input.breakdown?.scenes ?? []);
  if (schedule.days.length === 0) return [emptyNote('The schedule has no shooting days yet.')];
  const labels = ['Sc.', 'Set', 'D/N', 'Pages', 'Cast'];
  const out: Content[] = [];
  schedule.days.forEach((day, i) => {
    const pages = totals.days[i]?.pages ?? '0';
    const body: TableCell[][] = [
      spanRow(
        {
          text: [
            {
              text: `${dayName(day, totals.days[i]?.dayNumber ?? 0, totals.days[i]?.ofDays ?? 0)}  ·  ${longDate(day.date)}`,
              bold: true,
            },
            `   Crew call ${clockTime(day.crewCall)}  ·  Shooting call ${clockTime(day.shootingCall)}  ·  ${pages} pages`,
          ],
          fillColor: COLOURS.header,
        },
        labels.length,
      ),
      headerRow(labels, [3]),
    ];
    for (const item of selectDayItems(schedule, day.id)) {
      if (item.type === 'banner') {
        body.push(
          spanRow({ text: item.text, italics: true, bold: true, alignment: 'center' }, labels.length),
        );
        continue;
      }
      const scene = scenes.get(item.sceneId);
      body.push([
        { text: sceneNumber(item, scene), bold: true },
        {
          stack: [
            { text: scene ? `${scene.intExt}  ${scene.set}` : 'Scene not in the breakdown', bold: true },
            ...(scene?.synopsis ? [{ text: scene.synopsis, style: 'muted' }] : []),
          ],
        },
        { text: scene?.time ?? '' },
        { text: formatEighths(stripEighths(item, scenes)), alignment: 'right' },
        { text: scene ? castNames(scene.castIds, cast) : '' },
      ]);
    }
    body.push(
      spanRow(
        {
          text: `End of ${dayName(day, totals.days[i]?.dayNumber ?? 0, totals.days[i]?.ofDays ?? 0)
            .replace(/ of \d+$/, '')
            .toLowerCase()}  ·  ${longDate(day.date)}  ·  total pages ${pages}`,
          bold: true,
          fillColor: COLOURS.band,
        },
        labels.length,
      ),
    );
    out.push({
      table: {
        headerRows: 2,
        dontBreakRows: true,
        keepWithHeaderRows: 1,
        widths: [36, '*', 40, 40, 120],
        body,
      },
      layout: GRID_LAYOUT,
      margin: [0, 0, 0, 10],
    });
  });
  out.push({
    text: `${shootingDays(schedule)} shooting days  ·  ${formatEighths(totals.scheduledEighths)} pages scheduled${totals.boneyardEighths > 0 ? `  ·  ${formatEighths(totals.boneyardEighths)} pages not scheduled` : ''}`,
    bold: true,
  });
  return out;
}

/** Day columns that fit a landscape page next to the cast and totals. */
const DOOD_DAYS_PER_TABLE = 20;

const DOOD_FILL: Partial<Record<DoodCode, string>> = { H: '#f1f1f1', D: '#f1f1f1' };

function dood(input: ScheduleInput): Content[] {
  const { schedule } = input;
  const cast = input.breakdown?.cast ?? [];
  if (schedule.days.length === 0 || cast.length === 0) {
    return [emptyNote("Day out of days needs shooting days and the breakdown's cast.")];
  }
  const rows = dayOutOfDays(schedule, input.breakdown?.scenes ?? [], cast);
  const days = schedule.days;
  const numbers = pageTotals(schedule, input.breakdown?.scenes ?? []).days.map((d) => d.dayNumber);
  // a landscape page holds about twenty day columns: longer schedules continue in further blocks of days,
  // the totals on the last one
  const tables: Content[] = [];
  for (let first = 0; first < days.length; first += DOOD_DAYS_PER_TABLE) {
    const span = days.slice(first, first + DOOD_DAYS_PER_TABLE).map((day, i) => ({ day, n: first + i }));
    const last = first + DOOD_DAYS_PER_TABLE >= days.length;
    const totals = last ? ['Work', 'Hold', 'Drop', 'Start', 'Finish', 'Total'] : [];
    const labels = [
      'Cast',
      ...span.map(({ day, n }) => `${doodDay(day, numbers[n] ?? 0)}\n${shortDate(day.date)}`),
      ...totals,
    ];
    const body: TableCell[][] = [
      labels.map((text, i) => ({ text, style: 'tableHeader', alignment: i === 0 ? 'left' : 'center' })),
    ];
    rows.forEach((row, r) => {
      const member = cast[r]!;
      body.push([
        {
          text: [
            { text: `${member.billing}. ${member.character}`, bold: true },
            member.actor ? `  ${member.actor}` : '',
          ],
        },
        ...span.map(({ n }) => {
          const code = row.codes[n] ?? null;
          return {
            text: code ?? '',
            alignment: 'center' as const,
            bold: code !== null && code !== 'H' && code !== 'D',
            ...(code && DOOD_FILL[code] ? { fillColor: DOOD_FILL[code] } : {}),
          };
        }),
        ...(last
          ? ([
              { text: String(row.workDays), alignment: 'center' },
              { text: String(row.holdDays), alignment: 'center' },
              { text: String(row.dropDays), alignment: 'center' },
              { text: row.start ? shortDate(row.start) : '—', alignment: 'center' },
              { text: row.finish ? shortDate(row.finish) : '—', alignment: 'center' },
              { text: String(row.workDays + row.holdDays), alignment: 'center', bold: true },
            ] as TableCell[])
          : []),
      ]);
    });
    const dayWidth = Math.max(24, Math.min(48, Math.floor(420 / span.length)));
    tables.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ['*', ...span.map(() => dayWidth), ...(last ? [30, 30, 30, 52, 52, 32] : [])],
        body,
      },
      layout: GRID_LAYOUT,
      margin: [0, 0, 0, 8],
    });
  }
  return [
    ...tables,
    {
      text: 'SW start work · W work · WF work finish · SWF start-work-finish · H hold · D drop · PW pick-up work. Total = work + hold days.',
      style: 'muted',
      margin: [0, 6, 0, 0],
    },
  ];
}
