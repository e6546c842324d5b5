/**
 * The call sheet on paper, read back with pdfjs-dist: the day, every scene number, the revision colour on
 * EVERY page (photocopies lose the paper's colour), a person's own call at the top; and the export route
 * (API.md P3: `day=<n>`) on the real server with the demo's boards and crew list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, documentName } from '../../shared/boards';
import { deriveCallSheet } from '../../shared/calc/call-sheet';
import { DEMO_PEOPLE, seedDemoBoard } from '../../shared/demo';
import { buildCallSheet, jobFileName, type CallSheetPdfInput } from '../../shared/pdf';
import { renderPdf } from '../../server/http/pdf-render';
import { CALLSHEET_TODAY, demoCallSheetInput, personNamed } from '../helpers/callsheet-demo';
import { createProduction, startTestServer, type TestServer } from '../helpers/test-server';
import { readPdf } from './read-pdf';

const sheet = deriveCallSheet(demoCallSheetInput(1))!;
const input = (options: CallSheetPdfInput['options'] = {}): CallSheetPdfInput => ({
  production: 'Low Tide',
  date: '2026-12-06',
  paper: 'a4',
  sheet,
  dayNumber: 1,
  options,
});

/** Scene rows read back as "<number> <I/E> <set>", one line each in shooting order. */
const sceneLines = (lines: string[]) =>
  lines.filter((l) => /^(» )?\d+[A-Z]? (INT|EXT|INT\/EXT) /.test(l)).map((l) => l.replace(/^» /, ''));

describe('call sheet PDF', () => {
  it('holds the day, every scene in shooting order, and "Revision 2 · BLUE" at the top and bottom of every page', async () => {
    const definition = buildCallSheet(input({ revision: { n: 2, colour: 'Blue' } }));
    const cold = performance.now();
    await renderPdf(definition); // the first render also loads pdfmake and its fonts
    const warm = performance.now();
    const bytes = await renderPdf(definition);
    const done = performance.now();
    console.log(
      `[measure] render the demo's day 1 call sheet PDF: ${bytes.byteLength} bytes, ${(done - warm).toFixed(0)} ms (first render ${(warm - cold).toFixed(0)} ms)`,
    );
    const pdf = await readPdf(new Uint8Array(bytes));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain('Day 1 of 3');
    expect(pdf.text).toContain('Monday 7 December 2026');
    expect(pdf.text).toMatch(/Crew call 06:00/);
    expect(pdf.text).toMatch(/Weather Bright spells, 9°C/);
    expect(sceneLines(pdf.pages.flat())).toEqual([
      '1 EXT HARBOUR PIER',
      '3 EXT HARBOUR PIER',
      '2 INT BAIT SHOP',
      '7 INT HARBOUR OFFICE',
      // the advance schedule: day 2
      '12 INT HARBOUR OFFICE',
      '6 EXT SEA WALL',
      '8 EXT SEA WALL',
      '10 EXT HARBOUR PIER',
    ]);
    expect(pdf.text).toContain('COMPANY MOVE TO BAIT SHOP');
    expect(pdf.text).toContain('Port Ellis General, 2 Hill Street (A&E, 6 min)');
    expect(pdf.text).toMatch(/1 Mara Anna Petrakis SW 05:15 05:45 06:45/);
    pdf.pages.forEach((page, i) => {
      const stamps = page.filter((line) => line.includes('Revision 2 · BLUE'));
      // header and footer of every page, the first included
      expect(stamps.length, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page.at(-1), `page ${i + 1} footer`).toContain('Revision 2 · BLUE');
    });
  });

  it('a working copy says so on every page; the file is named for the day and revision', async () => {
    const pdf = await readPdf(new Uint8Array(await renderPdf(buildCallSheet(input()))));
    for (const page of pdf.pages) expect(page.at(-1)).toContain('Working copy (not published)');
    expect(jobFileName({ board: 'callsheet', input: input() })).toBe(
      'low-tide-call-sheet-day-1-2026-12-06.pdf',
    );
    expect(jobFileName({ board: 'callsheet', input: input({ revision: { n: 3, colour: 'Pink' } }) })).toBe(
      'low-tide-call-sheet-day-1-rev-3-2026-12-06.pdf',
    );
  });

  it('a personal copy puts the person’s call first and marks their scenes', async () => {
    const anna = personNamed('Anna Petrakis').id;
    const ruth = personNamed('Ruth Okafor').id;
    const annaPdf = await readPdf(
      new Uint8Array(await renderPdf(buildCallSheet(input({ highlightPersonId: anna })))),
    );
    const first = annaPdf.pages[0]!;
    const you = first.findIndex((l) => l.startsWith('YOUR CALL'));
    expect(first[you]).toBe('YOUR CALL 05:45 pickup 05:15');
    expect(you).toBeLessThan(first.findIndex((l) => l === 'Day 1 of 3'));
    const ruthPdf = await readPdf(
      new Uint8Array(await renderPdf(buildCallSheet(input({ highlightPersonId: ruth })))),
    );
    // Ruth (cast 3) is only in scene 7: only that row is marked
    expect(ruthPdf.pages.flat().filter((l) => l.startsWith('» '))).toEqual(['» 7 INT HARBOUR OFFICE']);
    expect(ruthPdf.text).toContain('YOUR CALL not called today');
  });

  it('a day the schedule lacks prints a sheet that says so', async () => {
    const pdf = await readPdf(
      new Uint8Array(await renderPdf(buildCallSheet({ ...input(), sheet: null, dayNumber: 9 }))),
    );
    expect(pdf.text).toContain('The schedule has no shooting day 9.');
  });
});

describe('GET /api/productions/:id/boards/callsheet/export.pdf', () => {
  let server: TestServer;
  let productionId = '';
  const tokens = { producer: '', crew: '' };
  beforeAll(async () => {
    server = await startTestServer();
    const production = await createProduction(server.origin, 'Low Tide');
    productionId = production.productionId;
    tokens.producer = production.ownerToken;
    tokens.crew = (await production.member('crew')).token;
    for (const board of BOARDS) {
      await server.server.sync.withDocument(documentName(productionId, board), (doc) =>
        seedDemoBoard(board, doc, { today: CALLSHEET_TODAY }),
      );
    }
    for (const person of DEMO_PEOPLE) await server.server.directory.createPerson(productionId, person);
  }, 60_000);
  afterAll(() => server?.close());

  const get = (query: string, token: string) =>
    fetch(`${server.origin}/api/productions/${productionId}/boards/callsheet/export.pdf?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('[P3] day=1 for a crew member: the sheet with crew calls from the directory and key contacts only', async () => {
    const response = await get('day=1&paper=a4', tokens.crew);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /low-tide-call-sheet-day-1-\d{4}-\d{2}-\d{2}\.pdf/,
    );
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.text).toContain('Day 1 of 3');
    expect(pdf.text).toContain('Priya Nair 2nd AD 05:15');
    expect(pdf.text).toContain('+44 7700 900101'); // Sam, a key contact
    expect(pdf.text).not.toContain('+44 7700 900102'); // Priya's number is not on the sheet
  });

  it('[P3] a day number that is no number is refused naming it; a day past the schedule says so', async () => {
    const bad = await get('day=first', tokens.producer);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^day must be/);
    const past = await get('day=9', tokens.producer);
    expect(past.status).toBe(200);
    expect((await readPdf(new Uint8Array(await past.arrayBuffer()))).text).toContain('no shooting day 9');
  });
});
