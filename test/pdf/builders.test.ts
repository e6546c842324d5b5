/**
 * The document builders of shared/pdf on the demo production: the definitions hold the right rows, totals and
 * repeated headers, and never an internal id.
 */
import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calc/clock';
import { costReport } from '../../shared/calc/cost-report';
import { formatMoney } from '../../shared/calc/money';
import {
  buildBreakdown,
  buildCostReport,
  buildMoodboard,
  buildSchedule,
  buildShotList,
  DEFAULT_SHOTLIST_OPTIONS,
  paperForLocale,
  PdfOptionError,
  reportPeriod,
} from '../../shared/pdf';
import { cellText, DEMO_TODAY, demoData, textsOf } from './demo-data';

const demo = demoData();
const base = { production: 'Low Tide', date: DEMO_TODAY, paper: 'a4' as const };

function tables(doc: TDocumentDefinitions): ContentTable[] {
  const found: ContentTable[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n !== null && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if ('table' in o) found.push(o as unknown as ContentTable);
      for (const key of ['stack', 'columns', 'content']) if (key in o) walk(o[key]);
    }
  };
  walk(doc.content);
  return found;
}

const rowsText = (t: ContentTable) => t.table.body.map((row) => row.map(cellText));
const allText = (doc: TDocumentDefinitions) => textsOf(doc.content).join('\n');
/** Internal ids of the demo (`shot-1-4`, `scene-1`, `cast-2`, `day-3`, `mood-film`) must never be printed. */
const INTERNAL_ID = /\b(shot|scene|cast|day|loc|mood|section|card|acct|line|po)-[a-z0-9-]+/;

function footerOf(doc: TDocumentDefinitions, page: number, pages: number): string {
  const footer = doc.footer as (current: number, count: number) => Content;
  return textsOf(footer(page, pages)).join(' ');
}

describe('shot list', () => {
  const doc = buildShotList({
    ...base,
    shots: demo.shots,
    breakdown: demo.breakdown,
    schedule: demo.schedule,
    options: DEFAULT_SHOTLIST_OPTIONS,
  });
  const [table] = tables(doc);
  const rows = rowsText(table!);

  it('repeats one header row on every page and numbers the pages "page n of m"', () => {
    expect(table!.table.headerRows).toBe(1);
    expect(rows[0]).toEqual([
      'Shot',
      'Size',
      'Angle',
      'Movement',
      'Lens',
      'Cam',
      'Description',
      'Cast',
      'Setup + shoot min',
      'Status',
    ]);
    expect(footerOf(doc, 2, 5)).toContain('page 2 of 5');
    expect(allText(doc)).toContain('Low Tide');
    expect(allText(doc)).toContain('Revision: Working copy');
  });

  it('lists every shot but the cut one, in script order, under a band per scene with its totals', () => {
    const codes = rows
      .slice(1)
      .filter((r) => r.length > 1 && r[1] !== '')
      .map((r) => r[0]);
    const expected = demo.shots.filter((s) => s.status !== 'cut').map((s) => s.code);
    expect(codes).toEqual(expected);
    const cut = demo.shots.find((s) => s.status === 'cut')!;
    expect(codes).not.toContain(cut.code);
    expect(allText(doc)).toContain('1 cut shot left out');
    const bands = rows.filter((r) => r[0]!.startsWith('Scene '));
    expect(bands).toHaveLength(12);
    expect(bands[0]![0]).toContain('Scene 1');
    expect(bands[0]![0]).toContain('EXT  HARBOUR PIER  DAWN');
    expect(bands[0]![0]).toContain('4 shots');
  });

  it('writes cast names, sizes and words, never ids', () => {
    const first = rows.find((r) => r[0] === '1')!;
    expect(first).toEqual([
      '1',
      'WS',
      'eye level',
      'static',
      '24mm',
      'A',
      expect.any(String),
      'Mara',
      '30 + 12',
      'Done',
    ]);
    expect(allText(doc)).not.toMatch(INTERNAL_ID);
  });

  it('greys the cut shot when asked, and prints one shooting day in shooting order', () => {
    const grey = buildShotList({
      ...base,
      shots: demo.shots,
      breakdown: demo.breakdown,
      schedule: demo.schedule,
      options: { ...DEFAULT_SHOTLIST_OPTIONS, cut: 'grey' },
    });
    const cut = demo.shots.find((s) => s.status === 'cut')!;
    const row = tables(grey)[0]!.table.body.find((r) => cellText(r[0]) === cut.code)!;
    expect(row[2]).toMatchObject({ style: 'greyed' });

    const day2 = buildShotList({
      ...base,
      shots: demo.shots,
      breakdown: demo.breakdown,
      schedule: demo.schedule,
      options: { ...DEFAULT_SHOTLIST_OPTIONS, order: 'shooting', day: 2 },
    });
    const scenes = rowsText(tables(day2)[0]!)
      .filter((r) => r[0]!.startsWith('Scene '))
      .map((r) => /^Scene (\S+)/.exec(r[0]!)![1]);
    expect(new Set(scenes)).toEqual(new Set(['12', '6', '8', '10']));
    expect(allText(day2)).toContain('Day 2 of 3, Tue 8 Dec');
  });

  it('refuses a shooting day the schedule does not have, naming the option', () => {
    const build = () =>
      buildShotList({
        ...base,
        shots: demo.shots,
        breakdown: demo.breakdown,
        schedule: demo.schedule,
        options: { ...DEFAULT_SHOTLIST_OPTIONS, day: 9 },
      });
    expect(build).toThrow(PdfOptionError);
    expect(build).toThrow(/day: there is no shooting day 9; the schedule has 3/);
  });
});

describe('schedule', () => {
  it('one-liner: the three days with their calls and page totals, the twelve scenes, banners', () => {
    const doc = buildSchedule({
      ...base,
      schedule: demo.schedule,
      breakdown: demo.breakdown,
      view: 'oneliner',
    });
    expect(doc.pageOrientation).toBe('portrait');
    const days = tables(doc);
    expect(days).toHaveLength(3);
    const text = allText(doc);
    expect(text).toContain('Day 1 of 3  ·  Monday 7 December 2026');
    expect(text).toContain('Crew call 06:00  ·  Shooting call 07:00  ·  5 pages');
    expect(text).toContain('total pages 3 5/8');
    expect(text).toContain('total pages 3 4/8');
    expect(text).toContain('COMPANY MOVE to bait shop');
    const scenes = days.flatMap((t) =>
      rowsText(t)
        .filter((r) => r.length === 5 && /^\d+$/.test(r[0]!))
        .map((r) => r[0]),
    );
    expect(scenes.sort((a, b) => Number(a) - Number(b))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    for (const t of days) expect(t.table.headerRows).toBe(2);
    expect(text).not.toMatch(INTERNAL_ID);
  });

  it('stripboard: landscape, strips filled in their colours, a day break after each day', () => {
    const doc = buildSchedule({
      ...base,
      schedule: demo.schedule,
      breakdown: demo.breakdown,
      view: 'stripboard',
    });
    expect(doc.pageOrientation).toBe('landscape');
    const [table] = tables(doc);
    const body = table!.table.body;
    const fillOf = (scene: string) =>
      (body.find((r) => cellText(r[0]) === scene)![0] as { fillColor: string }).fillColor;
    expect(fillOf('1')).toBe('#fff3a0'); // EXT DAWN: yellow
    expect(fillOf('2')).toBe('#ffffff'); // INT DAY: white
    expect(fillOf('4')).toBe('#b9d7f5'); // INT NIGHT: blue
    expect(fillOf('10')).toBe('#bfe6bf'); // EXT NIGHT: green
    const breaks = body.map((r) => cellText(r[0])).filter((t) => t.startsWith('END OF DAY'));
    expect(breaks).toEqual([
      expect.stringContaining('END OF DAY 1 OF 3'),
      expect.stringContaining('END OF DAY 2 OF 3'),
      expect.stringContaining('END OF DAY 3 OF 3'),
    ]);
    expect(breaks[1]).toContain('3 5/8 pages');
  });

  it('day out of days: a code per cast member and day, with the totals', () => {
    const doc = buildSchedule({ ...base, schedule: demo.schedule, breakdown: demo.breakdown, view: 'dood' });
    const rows = rowsText(tables(doc)[0]!);
    expect(rows[0]!.slice(0, 4)).toEqual([
      'Cast',
      'Day 1\nMon 7 Dec',
      'Day 2\nTue 8 Dec',
      'Day 3\nWed 9 Dec',
    ]);
    expect(rows[1]!.slice(0, 4)).toEqual(['1. Mara  Anna Petrakis', 'SW', 'W', 'WF']);
    expect(rows[3]!.slice(1, 4)).toEqual(['SW', 'WF', '']);
    expect(rows[3]!.at(-1)).toBe('2');
  });
});

describe('days that are not shooting days', () => {
  it('a travel day is named, not numbered: the shooting days keep their numbers; day=2 is the second shooting day', () => {
    const travel = { ...demo.schedule.days[0]!, id: 'travel', kind: 'travel' as const, date: '2026-12-07' };
    const days = [demo.schedule.days[0]!, travel, ...demo.schedule.days.slice(1)].map((d, i) => ({
      ...d,
      date: addDays('2026-12-06', i),
    }));
    const schedule = { ...demo.schedule, days };
    const text = allText(buildSchedule({ ...base, schedule, breakdown: demo.breakdown, view: 'oneliner' }));
    expect(text).toContain('Travel day  ·  Monday 7 December 2026');
    expect(text).toContain('Day 2 of 3  ·  Tuesday 8 December 2026');
    const day2 = buildShotList({
      ...base,
      shots: demo.shots,
      breakdown: demo.breakdown,
      schedule,
      options: { ...DEFAULT_SHOTLIST_OPTIONS, day: 2 },
    });
    expect(allText(day2)).toContain('Day 2 of 3, Tue 8 Dec');
  });
});

describe('day out of days on a long schedule', () => {
  it('continues in blocks of twenty days, with the totals on the last block', () => {
    const days = Array.from({ length: 45 }, (_, i) => ({
      ...demo.schedule.days[0]!,
      id: `d${i}`,
      date: addDays('2027-01-04', i),
    }));
    const scene = demo.breakdown.scenes[0]!;
    const strip = (dayId: string, id: string) => ({
      id,
      sceneId: scene.id,
      dayId,
      order: '1',
      status: 'planned' as const,
      part: null,
      eighths: null,
      minutes: 60,
    });
    const schedule = {
      ...demo.schedule,
      days,
      strips: [strip('d0', 's1'), strip('d44', 's2')],
      banners: [],
      log: [],
    };
    const doc = buildSchedule({ ...base, schedule, breakdown: demo.breakdown, view: 'dood' });
    const blocks = tables(doc);
    expect(blocks).toHaveLength(3);
    expect(blocks.map((t) => t.table.body[0]!.length)).toEqual([21, 21, 1 + 5 + 6]);
    const mara = rowsText(blocks[2]!)[1]!;
    // a 43-day gap is past the drop rule: dropped, then picked up
    expect(mara.slice(-6, -3)).toEqual(['2', '0', '43']);
    expect(mara.at(-1)).toBe('2');
    expect(rowsText(blocks[0]!)[1]![1]).toBe('SW');
    expect(rowsText(blocks[2]!)[1]![5]).toBe('PW');
  });
});

describe('breakdown', () => {
  it('one sheet per scene, each from a new page, with cast, location and the shooting day', () => {
    const doc = buildBreakdown({
      ...base,
      breakdown: demo.breakdown,
      schedule: demo.schedule,
      shots: demo.shots,
    });
    const sheets = doc.content as Content[];
    // the title block, then one stack per scene
    expect(sheets).toHaveLength(13);
    expect(sheets.slice(2).every((s) => (s as { pageBreak?: string }).pageBreak === 'before')).toBe(true);
    const first = textsOf(sheets[1]).join('\n');
    expect(first).toContain('Scene 1');
    expect(first).toContain('1. Mara (Anna Petrakis)');
    expect(first).toContain('Harbour pier');
    expect(first).toContain('Day 1, Monday 7 December 2026');
    expect(allText(doc)).not.toMatch(INTERNAL_ID);
  });
});

describe('cost report', () => {
  const doc = buildCostReport({ ...base, data: demo.costreport, periodKind: 'week', periodDate: DEMO_TODAY });
  const report = costReport(demo.costreport, reportPeriod('week', DEMO_TODAY));
  const money = (n: number) => formatMoney(n, 'USD');

  it('prints the period, and the total budget and EFC exactly as the screen writes them', () => {
    const text = allText(doc);
    expect(text).toContain('Period: Week: Mon 7 Dec to Sun 13 Dec 2026');
    const detail = tables(doc)[1]!;
    expect(detail.table.headerRows).toBe(1);
    const rows = rowsText(detail);
    expect(rows[0]).toEqual([
      'Account',
      'Budget',
      'This period',
      'To date',
      'Committed',
      'ETC',
      'EFC',
      'Variance',
      '% spent',
    ]);
    const total = rows.find((r) => r[0] === 'Total')!;
    expect(total[1]).toBe(money(report.total.budget));
    expect(total[6]).toBe(money(report.total.efc));
    expect(total[2]).toBe(money(report.total.actualThisPeriod));
    expect(report.accounts.every((a) => rows.some((r) => r[0] === `${a.code} ${a.name}`))).toBe(true);
  });

  it('top sheet: both sides of the line, contingency and the grand total', () => {
    const rows = rowsText(tables(doc)[0]!);
    expect(rows.map((r) => r[0])).toEqual(
      expect.arrayContaining(['Above the line', 'Below the line', 'Total before contingency', 'Grand total']),
    );
    expect(rows.find((r) => r[0] === 'Grand total')![1]).toBe(money(report.grandTotal));
  });

  it('periods: a day, a Monday-to-Sunday week, all time; a bad date names the parameter', () => {
    expect(reportPeriod('day', '2026-12-09')).toEqual({ from: '2026-12-09', to: '2026-12-09' });
    expect(reportPeriod('week', '2026-12-09')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(reportPeriod('week', '2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(reportPeriod('all', '2026-12-09').from).toBe('0000-01-01');
    expect(() => reportPeriod('day', '2026-13-45')).toThrow(/^date: /);
  });
});

describe('mood board', () => {
  it('a contact sheet per board with captions, swatches and review status', () => {
    const doc = buildMoodboard({
      ...base,
      moodboard: demo.moodboard,
      boardId: 'mood-film',
      breakdown: demo.breakdown,
    });
    const text = allText(doc);
    expect(text).toContain('Low Tide: look');
    expect(text).toContain('Palette');
    expect(text).toContain('#1F3A4D');
    expect(text).toContain('Approved');
    expect(text).toContain('Needs changes');
    expect(text).not.toMatch(INTERNAL_ID);
    expect(() =>
      buildMoodboard({ ...base, moodboard: demo.moodboard, boardId: 'nope', breakdown: null }),
    ).toThrow(/^board: /);
  });
});

describe('paper', () => {
  it('US Letter where the locale uses it, A4 elsewhere; the page size follows', () => {
    expect(paperForLocale('en-US')).toBe('letter');
    expect(paperForLocale('es-MX')).toBe('letter');
    expect(paperForLocale('en-GB')).toBe('a4');
    expect(paperForLocale('fr')).toBe('a4');
    expect(paperForLocale(undefined)).toBe('a4');
    const letter = buildSchedule({
      ...base,
      paper: 'letter',
      schedule: demo.schedule,
      breakdown: null,
      view: 'oneliner',
    });
    expect(letter.pageSize).toBe('LETTER');
  });
});
