/**
 * What a crew expects on day one, in Chromium at tablet (1024x768) and phone (390x844) sizes, with two tablets
 * of the demo production's director: a shot deleted on one disappears on the other and comes back with the
 * snackbar's Undo; search narrows the shot list and the breakdown; a camera D added under "Edit lists" is
 * offered and chosen on one tablet and shown on the other; the mood board has no CSV button (API.md C4); the
 * breakdown's CSV downloaded, edited and imported through the UI reaches the other tablet, and downloading
 * again gives the edited file back. Screenshots in test-output/dayone-*.png.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, join, launchBrowser, startServer, type Member, type RunningServer } from './harness';

const OUT = path.resolve(import.meta.dirname, '../../test-output');
const SIZES = {
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
};

let browser: Browser;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  await buildClient();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

async function open(member: Member, origin: string, board: string): Promise<void> {
  // By address: the board navigation's phone layout is not what this file tests.
  await member.page.goto(`${origin}/p/${member.productionId}/${board}`);
  await member.page.locator('[data-testid="sync-status"][data-status="saved"]').waitFor({ timeout: 15_000 });
  await member.page.locator('.board-frame > .loading').waitFor({ state: 'detached', timeout: 15_000 });
}

/** The editing grid (a phone opens the shot list in shoot mode). */
async function editMode(page: Page): Promise<void> {
  const leave = page.getByRole('button', { name: 'Leave shoot mode' });
  if (await leave.isVisible()) await leave.click();
  await page.getByTestId('shot-row').first().waitFor();
}

async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill(query);
}

const codes = (page: Page) =>
  page.getByTestId('shot-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shot-code')));

for (const [size, viewport] of Object.entries(SIZES)) {
  describe(`day-one shot list and breakdown at ${size} size (${viewport.width}x${viewport.height})`, () => {
    let server: RunningServer;
    let a: Member;
    let b: Member;

    beforeAll(async () => {
      server = await startServer();
      a = await join(browser, server.links.director, 'Dana Director', viewport);
      b = await join(browser, server.links.director, 'Dana on the B tablet', viewport);
      await Promise.all([open(a, server.origin, 'shotlist'), open(b, server.origin, 'shotlist')]);
      await Promise.all([editMode(a.page), editMode(b.page)]);
    }, 120_000);

    afterAll(async () => {
      await a?.context.close();
      await b?.context.close();
      await server?.stop();
    });

    it('search narrows the list live, says how many match, and clears', async () => {
      await search(a.page, '12');
      await expect.poll(() => codes(a.page)).toEqual(['12', '12A']);
      const count = a.page.getByTestId('search-count');
      expect(await count.textContent()).toMatch(/^2 of 40 shots$/);
      // a cast name: the harbour master's character, in some scenes but not all
      await search(a.page, 'ines');
      await expect.poll(async () => (await count.textContent()) ?? '').toMatch(/^\d+ of 40 shots$/);
      const shown = Number(/^(\d+)/.exec((await count.textContent())!)![1]);
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(40);
      await a.page.getByRole('button', { name: 'Clear search' }).click();
      await expect.poll(() => count.count()).toBe(0);
      expect(await a.page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('');
      await a.page.screenshot({ path: path.join(OUT, `dayone-shotlist-${size}.png`) });
    });

    it('a deleted shot disappears on the other tablet, and Undo brings it back there', async () => {
      await search(a.page, '12');
      await search(b.page, '12');
      await expect.poll(() => codes(b.page)).toEqual(['12', '12A']);
      await a.page.getByRole('button', { name: 'Delete shot 12A' }).click();
      const snackbar = a.page.getByTestId('undo-snackbar');
      await expect.poll(() => snackbar.textContent()).toContain('Shot 12A deleted');
      await expect.poll(() => codes(b.page)).toEqual(['12']);
      expect(await codes(a.page)).toEqual(['12']);
      await a.page.screenshot({ path: path.join(OUT, `dayone-deleted-${size}.png`) });
      await snackbar.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => codes(b.page)).toEqual(['12', '12A']);
      expect(await codes(a.page)).toEqual(['12', '12A']);
      expect(await snackbar.count()).toBe(0);
    });

    it('camera D added under "Edit lists" is offered, chosen on one tablet and shown on the other', async () => {
      const row = (page: Page) => page.locator('[data-testid="shot-row"][data-shot-code="12"]');
      expect(await row(a.page).getByLabel('Camera').locator('option').allTextContents()).toEqual([
        'A',
        'B',
        'C',
      ]);
      await a.page.getByRole('button', { name: 'Edit lists' }).click();
      const dialog = a.page.getByRole('dialog', { name: 'Edit lists' });
      await dialog.getByLabel('New camera').fill('B');
      await dialog.getByRole('button', { name: 'Add camera' }).click();
      // a refused value is said where it was typed, and kept
      await expect.poll(() => dialog.getByLabel('New camera').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByRole('alert').textContent()).toContain('B is already in the list');
      await dialog.getByLabel('New camera').fill('D');
      await dialog.getByRole('button', { name: 'Add camera' }).click();
      await dialog.getByRole('listitem').filter({ hasText: /^D/ }).waitFor();
      await a.page.screenshot({ path: path.join(OUT, `dayone-edit-lists-${size}.png`) });
      await dialog.getByRole('button', { name: 'Done' }).click();
      await row(a.page).getByLabel('Camera').selectOption('D');
      await expect.poll(() => row(b.page).getByLabel('Camera').inputValue()).toBe('D');
      expect(await row(b.page).getByLabel('Camera').locator('option').allTextContents()).toEqual([
        'A',
        'B',
        'C',
        'D',
      ]);
      await expect.poll(() => a.page.getByTestId('sync-status').getAttribute('data-status')).toBe('saved');
    });

    it(`a lens longer than the limit is refused in its cell, saying so; a long one under it is kept whole`, async () => {
      const lens = a.page.locator('[data-testid="shot-row"][data-shot-code="12"]').getByLabel('Lens');
      const long = '24-70mm T2.8 Cooke S4/i anamorphic, +1 diopter';
      await lens.fill(long);
      await lens.press('Enter');
      const other = b.page.locator('[data-testid="shot-row"][data-shot-code="12"]').getByLabel('Lens');
      await expect.poll(() => other.inputValue()).toBe(long);
      await lens.fill('x'.repeat(61));
      await lens.press('Enter');
      await expect.poll(() => lens.getAttribute('aria-invalid')).toBe('true');
      expect(await lens.inputValue()).toBe('x'.repeat(61));
      await expect
        .poll(async () => (await a.page.getByText('longer than 60 characters').count()) > 0)
        .toBe(true);
      await lens.press('Escape');
      expect(await lens.inputValue()).toBe(long);
    });

    it('[C4] the mood board shows no CSV button, and a link typed as www.… becomes an https link', async () => {
      await open(a, server.origin, 'moodboard');
      await a.page.getByRole('button', { name: /Print/ }).first().waitFor();
      expect(await a.page.getByRole('link', { name: 'CSV', exact: true }).count()).toBe(0);
      await a.page.getByRole('button', { name: '+ Link' }).click();
      const dialog = a.page.getByRole('dialog', { name: 'Add a link' });
      await dialog.getByLabel('Link').fill('www.example.com/tide-tables');
      await dialog.getByRole('button', { name: 'Add' }).click();
      await a.page.locator('a.link-card[href="https://www.example.com/tide-tables"]').first().waitFor();
      await open(a, server.origin, 'breakdown');
      await a.page.getByRole('link', { name: 'CSV', exact: true }).waitFor();
    });

    it('breakdown CSV: download, edit, Import CSV; the other tablet sees it and a new download matches', async () => {
      await open(b, server.origin, 'breakdown');
      const download = async (page: Page) => {
        const [file] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'CSV', exact: true }).click(),
        ]);
        expect(file.suggestedFilename()).toBe('breakdown.csv');
        return readFile((await file.path())!, 'utf8');
      };
      const original = await download(a.page);
      expect(original).toContain('BAIT SHOP');
      const edited = original.replaceAll('BAIT SHOP', 'ZEPHYR BAIT & TACKLE');
      const file = path.join(OUT, `dayone-breakdown-${size}.csv`);
      await writeFile(file, edited);
      await a.page.getByLabel('CSV file to import').setInputFiles(file);
      await expect
        .poll(async () => (await a.page.getByRole('status').allTextContents()).join(' '))
        .toMatch(/Imported dayone-breakdown-\w+\.csv: 0 added, \d+ updated\./);

      await search(b.page, 'zephyr');
      await expect.poll(() => b.page.getByTestId('search-count').textContent()).toBe('2 of 12 scenes');
      await b.page.screenshot({ path: path.join(OUT, `dayone-breakdown-search-${size}.png`) });
      expect(await download(b.page)).toBe(edited);
    });

    it('the page never scrolls sideways', async () => {
      for (const page of [a.page, b.page]) {
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(sideways).toBe(0);
      }
    });
  });
}
