/**
 * Paper in Chromium: "Print / PDF" makes the board's document on the device, offline too; the browser's own
 * print shows every shot row without the app's chrome; the cost report's CSV follows the period on screen.
 * Writes the demo's PDFs (made on the device and by the server) and PNGs of their first pages (pdftoppm) to
 * test-output/ for a person to look at, and logs render times and sizes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../pdf/read-pdf';
import {
  buildClient,
  join,
  launchBrowser,
  openBoard,
  startServer,
  type Member,
  type RunningServer,
} from './harness';
import { seedLargeShotList } from './seed';

const OUT = path.resolve(import.meta.dirname, '../../test-output');
const PDF_OUT = path.join(OUT, 'pdf');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(PDF_OUT, { recursive: true });
  await buildClient();
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** PNG of a PDF's first page next to it, when poppler's pdftoppm is installed (CI installs it). */
async function firstPagePng(pdfPath: string): Promise<void> {
  if (!existsSync('/usr/bin/pdftoppm')) {
    console.warn('[paper] pdftoppm missing (apt-get install poppler-utils): no PNG for', pdfPath);
    return;
  }
  await promisify(execFile)('/usr/bin/pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    pdfPath.replace(/\.pdf$/, ''),
  ]);
}

/** Opens "Print / PDF", sets the dialog's fields, saves; returns the download and how long it took. */
async function printFromDevice(
  m: Member,
  fields: Array<[label: string, value: string]> = [],
): Promise<{ download: Download; ms: number; bytes: Buffer }> {
  await m.page.getByRole('button', { name: 'Print / PDF' }).click();
  const dialog = m.page.getByRole('dialog');
  for (const [label, value] of fields) await dialog.getByLabel(label).selectOption(value);
  const started = Date.now();
  const [download] = await Promise.all([
    m.page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: 'Save PDF' }).click(),
  ]);
  const file = await download.path();
  const ms = Date.now() - started;
  const bytes = await readFile(file);
  await dialog.getByText(/^Saved /).waitFor({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { download, ms, bytes };
}

async function keep(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(PDF_OUT, name);
  await writeFile(file, bytes);
  await firstPagePng(file);
  return file;
}

describe('Paper in Chromium', () => {
  it('"Print / PDF" works offline: the shot list PDF is made on the device and holds every shot', async () => {
    const director = await join(browser, server.links.director, 'Ines Paper');
    try {
      await openBoard(director, 'Shot list');
      const codes = await director.page
        .locator('[data-testid="shot-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shot-code')));
      expect(codes.length).toBeGreaterThan(5);
      // the service worker keeps the PDF maker as soon as a board with the button opened
      await expect
        .poll(
          () =>
            director.page.evaluate(async () => {
              const keys = await (await caches.open('setboard-shell-v1')).keys();
              return (
                navigator.serviceWorker.controller !== null &&
                keys.some((k) => k.url.includes('pdf-worker')) &&
                keys.some((k) => k.url.includes('ExportActions'))
              );
            }),
          { timeout: 30_000 },
        )
        .toBe(true);
      await director.context.setOffline(true);
      await director.page
        .locator('[data-testid="sync-status"][data-status="offline"]')
        .waitFor({ timeout: 10_000 });
      const { download, ms, bytes } = await printFromDevice(director);
      expect(download.suggestedFilename()).toMatch(/^low-tide-shot-list-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const read = await readPdf(bytes);
      console.log(
        `[measure] Chromium offline shot list (demo): ${bytes.length} bytes, ${read.pages.length} pages, ${ms} ms from Save to file`,
      );
      const printed = new Set(read.pages.flatMap((lines) => lines.map((l) => l.split(' ')[0]!)));
      const allShots = await director.page.evaluate(
        () => document.querySelectorAll('[data-testid="shot-row"]').length,
      );
      expect(allShots).toBeGreaterThan(0);
      // the rows on screen are a window of a virtualised list; the paper has all of them (the cut one omitted)
      expect(read.text).toContain('1 cut shot left out');
      for (const code of codes) if (code) expect(printed, code).toContain(code);
      await keep('device-shotlist.pdf', bytes);
    } finally {
      await director.context.close();
    }
  }, 120_000);

  it('every board prints on the device and from the server; the PDFs and their first pages go to test-output', async () => {
    const producer = await join(browser, server.links.producer, 'Dana Paper');
    const violations: string[] = [];
    producer.page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
        violations.push(message.text());
      }
    });
    try {
      const documents: Array<{
        board: string;
        tab: string;
        fields?: Array<[string, string]>;
        query: string;
        name: string;
      }> = [
        {
          board: 'shotlist',
          tab: 'Shot list',
          fields: [['Cut shots', 'grey']],
          query: 'cut=grey',
          name: 'shotlist',
        },
        {
          board: 'schedule',
          tab: 'Schedule',
          fields: [['Document', 'stripboard']],
          query: 'view=stripboard',
          name: 'stripboard',
        },
        {
          board: 'schedule',
          tab: 'Schedule',
          fields: [['Document', 'oneliner']],
          query: 'view=oneliner',
          name: 'oneliner',
        },
        {
          board: 'schedule',
          tab: 'Schedule',
          fields: [['Document', 'dood']],
          query: 'view=dood',
          name: 'dood',
        },
        { board: 'breakdown', tab: 'Breakdown', query: '', name: 'breakdown' },
        { board: 'costreport', tab: 'Cost report', query: 'period=week', name: 'costreport' },
        { board: 'moodboard', tab: 'Mood board', query: '', name: 'moodboard' },
      ];
      let open = '';
      for (const doc of documents) {
        if (open !== doc.tab) {
          await openBoard(producer, doc.tab);
          open = doc.tab;
        }
        const device = await printFromDevice(producer, doc.fields);
        const deviceRead = await readPdf(device.bytes);
        await keep(`device-${doc.name}.pdf`, device.bytes);
        const started = Date.now();
        const response = await fetch(
          `${server.origin}/api/productions/${producer.productionId}/boards/${doc.board}/export.pdf${doc.query ? `?${doc.query}` : ''}`,
          { headers: { authorization: `Bearer ${producer.token}` } },
        );
        expect(response.status, doc.name).toBe(200);
        const serverBytes = Buffer.from(await response.arrayBuffer());
        const serverMs = Date.now() - started;
        const serverRead = await readPdf(serverBytes);
        await keep(`server-${doc.name}.pdf`, serverBytes);
        console.log(
          `[measure] ${doc.name}: Chromium ${device.bytes.length} bytes ${deviceRead.pages.length} pages ${device.ms} ms; server ${serverBytes.length} bytes ${serverRead.pages.length} pages ${serverMs} ms`,
        );
        // the same builders on both sides: the same words (lines may wrap at other words, and running heads
        // come out in another order: the two pdfmake builds measure and write a hair differently)
        const words = (pages: string[][]) => pages.flat().join(' ').split(/\s+/).sort();
        expect(words(deviceRead.pages), doc.name).toEqual(words(serverRead.pages));
      }
      // the PDF maker runs under the app's Content-Security-Policy (no eval, same-origin workers)
      expect(violations).toEqual([]);
    } finally {
      await producer.context.close();
    }
  }, 240_000);

  it('the cost report: its CSV and its PDF follow the period on screen', async () => {
    const producer = await join(browser, server.links.producer, 'Dana Period');
    try {
      await openBoard(producer, 'Cost report');
      await producer.page.getByLabel('Period', { exact: true }).selectOption('day');
      const date = await producer.page.getByLabel('Period date').inputValue();
      const [request] = await Promise.all([
        producer.page.waitForRequest((r) => r.url().includes('/export.csv')),
        producer.page.getByRole('link', { name: 'CSV' }).click(),
      ]);
      const url = new URL(request.url());
      expect(url.searchParams.get('from')).toBe(date);
      expect(url.searchParams.get('to')).toBe(date);
      expect(url.searchParams.has('token')).toBe(false);
      const { bytes } = await printFromDevice(producer);
      const read = await readPdf(bytes);
      expect(read.text).toContain('Period: Day: ');
      // the screen's total budget and EFC, to the cent
      const totals = await producer.page
        .locator('[data-testid="cost-report"] tfoot tr')
        .filter({ hasText: /^Total/ })
        .locator('td')
        .allInnerTexts();
      const line = read.pages.flat().find((l) => l.startsWith('Total $'))!;
      expect(line.split(' ')[1]).toBe(totals[0]);
      expect(line.split(' ')[6]).toBe(totals[5]);
    } finally {
      await producer.context.close();
    }
  }, 120_000);

  it('Ctrl+P of the shot list: every row, no navigation or controls, black on white', async () => {
    const big = await seedLargeShotList(server.origin, 300);
    const director = await join(browser, big.directorLink, 'Ines Print');
    try {
      await openBoard(director, 'Shot list');
      const onScreen = await director.page.locator('[data-testid="shot-row"]').count();
      expect(onScreen).toBeLessThan(300);
      await director.page.emulateMedia({ media: 'print' });
      await expect
        .poll(() => director.page.locator('[data-testid="shot-row"]').count(), { timeout: 10_000 })
        .toBe(300);
      expect(await director.page.getByRole('navigation', { name: 'Boards' }).isVisible()).toBe(false);
      expect(await director.page.getByRole('button', { name: 'Print / PDF' }).isVisible()).toBe(false);
      const colours = await director.page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
      expect(colours).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
      const pdf = await director.page.pdf({ format: 'A4', landscape: true, printBackground: true });
      const read = await readPdf(pdf);
      console.log(
        `[measure] Chromium Ctrl+P of a 300-shot list: ${read.pages.length} pages, ${pdf.length} bytes`,
      );
      await keep('browser-print-shotlist.pdf', pdf);
      await director.page.emulateMedia({ media: 'screen' });
      await expect.poll(() => director.page.locator('[data-testid="shot-row"]').count()).toBeLessThan(300);
    } finally {
      await director.context.close();
    }
  }, 120_000);

  it('a 1,000-shot list made on the device: headers on every page; the time is measured', async () => {
    const big = await seedLargeShotList(server.origin, 1000);
    const director = await join(browser, big.directorLink, 'Ines Thousand');
    try {
      await openBoard(director, 'Shot list');
      const { bytes, ms } = await printFromDevice(director);
      const read = await readPdf(bytes);
      console.log(
        `[measure] Chromium 1,000-shot list: ${bytes.length} bytes, ${read.pages.length} pages, ${ms} ms from Save to file`,
      );
      read.pages.forEach((lines, i) => {
        expect(
          lines.some((l) => l.startsWith('Shot Size Angle Movement Lens Cam Description')),
          `page ${i + 1}`,
        ).toBe(true);
      });
      await keep('device-shotlist-1000.pdf', bytes);
    } finally {
      await director.context.close();
    }
  }, 180_000);

  it('the initial JavaScript: what a first visit downloads (logged for the budget note)', async () => {
    const dist = path.resolve(import.meta.dirname, '../../dist/client');
    const html = await readFile(path.join(dist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    let bytes = 0;
    for (const file of initial) bytes += gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
    console.log(`[measure] initial JavaScript: ${bytes} bytes gzipped; the PDF maker is not in it`);
    for (const file of initial)
      expect(await readFile(path.join(dist, file), 'utf8')).not.toContain('Roboto-Regular');
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
  });
});
