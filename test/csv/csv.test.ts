import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  CsvError,
  CsvImportError,
  exportBudgetLines,
  exportCostReport,
  exportSchedule,
  exportShotList,
  importBudgetLines,
  importShotList,
  parseCsv,
  toCsv,
} from '../../shared/csv/index';
import { parseMoney } from '../../shared/csv/cells';
import type { Board } from '../../shared/boards';
import { readBreakdown, readCostReport, readShots, shotText } from '../../shared/model/index';

const TODAY = '2025-06-02';
function seeded(board: Board): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: TODAY });
  return doc;
}

function importError(fn: () => unknown): CsvImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CsvImportError) return error;
    throw error;
  }
  throw new Error('expected a CsvImportError');
}

describe('csv format', () => {
  it('quotes commas, quotes and line breaks and reads them back', () => {
    const rows = [
      ['a', 'b, c', 'say "cut"', 'two\nlines', ''],
      ['', 'x', 'ünïcode ✓', '', 'end'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv('\ufeffa,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('names the row and column of a malformed quote', () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/row 2, column 1/);
    expect(() => parseCsv('a,b\nx,"open\n')).toThrow(CsvError);
  });

  it('parses money exactly from text', () => {
    expect(parseMoney('0.29', 2, 'rate')).toBe(29);
    expect(parseMoney('1,234.5', 2, 'rate')).toBe(123_450);
    expect(parseMoney('-12', 2, 'rate')).toBe(-1_200);
    expect(() => parseMoney('12.345', 2, 'rate')).toThrow(/row 2, column "rate"/);
  });
});

describe('shot list csv', () => {
  const scenes = readBreakdown(seeded('breakdown'));

  it('round-trips every field: export, import into an empty board, export again', () => {
    const doc = seeded('shotlist');
    shotText(doc, 'shot-1-1', 'notes').insert(0, '=SUM(A1) is not a formula; "quotes", commas\nand lines');
    const csv = exportShotList(doc, scenes);
    expect(csv.split('\r\n')[0]).toBe(
      'id,scene,code,size,angle,movement,lens,camera,frameRate,sound,description,cast,setup,setupMinutes,shootMinutes,status,notes,storyboard,scriptOrder,shootOrder',
    );
    const copy = new Y.Doc();
    expect(importShotList(copy, csv, scenes)).toEqual({ added: 40, updated: 0 });
    expect(readShots(copy)).toEqual(readShots(doc));
    expect(readShots(copy, 'shoot').map((s) => s.id)).toEqual(readShots(doc, 'shoot').map((s) => s.id));
    expect(exportShotList(copy, scenes)).toBe(csv);
    // importing the same file again changes nothing
    const before = Y.encodeStateVector(copy);
    expect(importShotList(copy, csv, scenes)).toEqual({ added: 0, updated: 40 });
    expect(Y.encodeStateVector(copy)).toEqual(before);
  });

  it('adds shots from a hand-made file, generating codes from the scene number', () => {
    const doc = seeded('shotlist');
    const result = importShotList(
      doc,
      'Scene,Size,Description\n10,CU,Rope in the water\n10,WS,Pier from the sea\n',
      scenes,
    );
    expect(result).toEqual({ added: 2, updated: 0 });
    expect(
      readShots(doc)
        .filter((s) => s.sceneId === 'scene-10')
        .map((s) => s.code),
    ).toEqual(['10', '10A', '10B', '10C', '10D', '10E', '10F', '10G']);
  });

  it('rejects a bad file naming row and column, and imports nothing', () => {
    const doc = seeded('shotlist');
    const before = Y.encodeStateVector(doc);
    const error = importError(() =>
      importShotList(
        doc,
        'scene,code,size,setupMinutes\n1,1X,WS,10\n2,2X,HUGE,10\n99,,WS,10\n3,3X,CU,ten\n',
        scenes,
      ),
    );
    expect(error.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'size'],
      [4, 'scene'],
      [5, 'setupMinutes'],
    ]);
    expect(error.message).toMatch(/row 3, column "size": size: must be one of/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(importError(() => importShotList(doc, 'scene,lense\n1,35mm\n', scenes)).problems[0]).toMatchObject(
      { row: 1, column: 2 },
    );
  });
});

describe('cost report csv', () => {
  it('round-trips budget lines and accounts through export and import', () => {
    const doc = seeded('costreport');
    const csv = exportBudgetLines(doc);
    const copy = new Y.Doc();
    expect(importBudgetLines(copy, csv)).toEqual({ added: 41, updated: 0 });
    expect(exportBudgetLines(copy)).toBe(csv);
    const strip = (d: Y.Doc) =>
      readCostReport(d).accounts.map(({ code, name, line, category }) => ({ code, name, line, category }));
    expect(strip(copy)).toEqual(strip(doc));
    expect(readCostReport(copy).lines).toEqual(
      readCostReport(doc).lines.map((l) => ({ ...l, accountId: expect.any(String) })),
    );
  });

  it('updates a line by id and rejects an unknown account without writing anything', () => {
    const doc = seeded('costreport');
    expect(importBudgetLines(doc, 'id,accountCode,rate\nline-3300-1,3300,1000.00\n')).toEqual({
      added: 0,
      updated: 1,
    });
    expect(readCostReport(doc).lines.find((l) => l.id === 'line-3300-1')!.rate).toBe(100_000);
    const before = Y.encodeStateVector(doc);
    const error = importError(() =>
      importBudgetLines(
        doc,
        'accountCode,amount,units,rate\n3300,1,day,500.00\n9999,1,day,1.00\n3300,1,fortnight,1.00\n',
      ),
    );
    expect(error.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'accountCode'],
      [4, 'units'],
    ]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('exports the report with every column and the total line', () => {
    const csv = parseCsv(exportCostReport(seeded('costreport'), { from: TODAY, to: TODAY }));
    const total = csv.find((r) => r[0] === 'total')!;
    expect(total.slice(5, 13)).toEqual([
      '100197.50',
      '1765.00',
      '33806.50',
      '10850.00',
      '32300.00',
      '76956.50',
      '23241.00',
      '33.74',
    ]);
    expect(csv.find((r) => r[0] === 'grand total')![5]).toBe('107686.25');
    expect(csv.filter((r) => r[0] === 'account')).toHaveLength(23);
  });
});

describe('schedule csv', () => {
  it('exports days with page totals, strips and banners in board order, and the day log', () => {
    const bd = readBreakdown(seeded('breakdown'));
    const rows = parseCsv(exportSchedule(seeded('schedule'), bd.scenes, bd.cast));
    const header = rows[0]!;
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    expect(rows.filter((r) => r[0] === 'day').map((r) => [col(r, 'date'), col(r, 'pages')])).toEqual([
      ['2025-06-02', '5'],
      ['2025-06-03', '3 5/8'],
      ['2025-06-04', '3 4/8'],
    ]);
    const day1 = rows.filter((r) => col(r, 'day') === '1' && r[0] !== 'day' && r[0] !== 'log');
    expect(day1.map((r) => col(r, 'scene') || col(r, 'text'))).toEqual([
      '1',
      '3',
      'COMPANY MOVE to bait shop',
      '2',
      '7',
    ]);
    expect(col(day1[0]!, 'colour')).toBe('yellow');
    expect(col(day1[0]!, 'cast')).toBe('1');
    expect(rows.filter((r) => r[0] === 'log').map((r) => col(r, 'kind'))).toEqual([
      'crew-call',
      'first-shot',
      'company-move-start',
      'company-move-end',
      'lunch-called',
      'lunch-ended',
    ]);
  });
});
