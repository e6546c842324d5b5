/**
 * The call sheet screen in Chromium on the demo production (day 1 is today): the AD opens it on a tablet
 * (1024x768) and the producer on a phone (390x844); both see the sheet as it will be sent (scenes in
 * shooting order, cast with Day out of Days codes, hospital, crew calls from the crew list, advance schedule,
 * key contacts). The AD types the weather and the producer's phone shows it; a time the model refuses stays
 * where it was typed, marked invalid and "Not saved", and never reaches the other tablet. 44 px targets, no
 * sideways scroll and axe's contrast rules in both themes. Screenshots in test-output/callsheet-*.png.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../pdf/read-pdf';
import { join, openBoard, OUT, PHONE, TABLET, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

const sheetOf = (page: Page) => page.getByRole('article', { name: /^Call sheet, Day 1 of 3$/ });

/** Controls on the call sheet shorter than a fingertip, and how far the page pans sideways. */
async function layoutProblems(page: Page): Promise<{ small: string[]; sideways: number }> {
  return page.evaluate(() => ({
    small: [
      ...document.querySelectorAll(
        '.callsheet button, .callsheet input, .callsheet select, .callsheet textarea, .callsheet a',
      ),
    ]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height < 44)
      .map(
        ({ el, box }) =>
          `${el.tagName} "${el.getAttribute('aria-label') ?? el.textContent ?? ''}" ${Math.round(box.height)}px`,
      ),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
}

/** axe-core's colour-contrast findings on the call sheet (evaluated through the debugger, not CSP). */
async function contrastViolations(page: Page): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document.querySelector('.callsheet')!, {
      runOnly: { type: 'rule', values: ['color-contrast'] },
    })) as { violations: Array<{ nodes: Array<{ target: string[] }> }> };
    return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  });
}

describe('call sheet screen in Chromium', () => {
  it('the AD on a tablet and the producer on a phone see day 1; the weather the AD types reaches the phone', async () => {
    const ad = await join(run.browser, run.server.links.ad, 'Sam AD', TABLET);
    await openBoard(ad, 'Call sheet');
    const producer = await join(run.browser, run.server.links.producer, 'Dana Producer', PHONE);
    await openBoard(producer, 'Call sheet');

    for (const member of [ad, producer]) {
      const sheet = sheetOf(member.page);
      await sheet.waitFor({ timeout: 15_000 });
      expect(
        await sheet
          .locator('.sheet-scene[data-scene]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-scene'))),
      ).toEqual(['1', '3', '2', '7']);
      const text = (await sheet.textContent()) ?? '';
      expect(text).toContain('COMPANY MOVE to bait shop');
      expect(text).toContain('Port Ellis General, 2 Hill Street (A&E, 6 min)');
      expect(await sheet.getByLabel('Day out of days SW').count()).toBe(3);
      // the crew list comes from the directory: crew calls by department and key contacts
      await sheet.getByText('Priya Nair', { exact: true }).waitFor();
      expect(text).toContain('Advance schedule');
      expect(await sheet.getByRole('region', { name: 'Key contacts' }).textContent()).toContain('Tom Pryce');
    }

    const weather = 'Fog until 09:00, 8°C, wind NW 10 mph';
    const adWeather = sheetOf(ad.page).getByLabel('Weather', { exact: true });
    await adWeather.fill(weather);
    await adWeather.press('Enter');
    const phoneWeather = sheetOf(producer.page).getByLabel('Weather', { exact: true });
    await expect.poll(() => phoneWeather.inputValue(), { timeout: 10_000 }).toBe(weather);
    expect(await adWeather.getAttribute('aria-invalid')).toBeNull();

    // a time the model refuses: shown where typed, marked invalid, not saved, not on the other tablet
    const pickup = sheetOf(ad.page).getByLabel('Pickup for Mara', { exact: true });
    await pickup.fill('5am');
    await pickup.press('Enter');
    await expect.poll(() => pickup.getAttribute('aria-invalid')).toBe('true');
    expect(await pickup.inputValue()).toBe('5am');
    const alert = sheetOf(ad.page).getByRole('alert').filter({ hasText: 'Not saved' });
    expect(await alert.textContent()).toMatch(/Not saved: expected a time HH:MM/);
    expect(await sheetOf(producer.page).getByLabel('Pickup for Mara', { exact: true }).inputValue()).toBe(
      '05:15',
    );
    await ad.page.screenshot({ path: path.join(OUT, 'callsheet-tablet-refused.png'), fullPage: true });
    await pickup.fill('05:30');
    await pickup.press('Enter');
    await expect.poll(() => pickup.getAttribute('aria-invalid')).toBeNull();
    await expect
      .poll(() => sheetOf(producer.page).getByLabel('Pickup for Mara', { exact: true }).inputValue(), {
        timeout: 10_000,
      })
      .toBe('05:30');

    // "Print / PDF" on the board makes the same sheet on the tablet (the worker, no server round trip)
    await ad.page.getByRole('button', { name: 'Print / PDF' }).click();
    const dialog = ad.page.getByRole('dialog');
    const started = Date.now();
    const [download] = await Promise.all([
      ad.page.waitForEvent('download', { timeout: 60_000 }),
      dialog.getByRole('button', { name: 'Save PDF' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    console.log(
      `[measure] call sheet PDF made on the tablet: ${bytes.byteLength} bytes, ${Date.now() - started} ms`,
    );
    expect(download.suggestedFilename()).toMatch(/^low-tide-call-sheet-day-1-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await readPdf(new Uint8Array(bytes));
    expect(pdf.text).toContain('Day 1 of 3');
    expect(pdf.text).toContain(weather);
    for (const page of pdf.pages) expect(page.at(-1)).toContain('Working copy (not published)');
    await dialog.getByRole('button', { name: 'Close' }).click();

    for (const [member, size] of [
      [ad, 'tablet'],
      [producer, 'phone'],
    ] as const) {
      for (const theme of ['dark', 'sun']) {
        if (theme === 'sun')
          await member.page.getByRole('button', { name: 'High-contrast sunlight theme' }).click();
        await expect
          .poll(() => member.page.evaluate(() => document.documentElement.dataset.theme))
          .toBe(theme);
        expect(await layoutProblems(member.page)).toEqual({ small: [], sideways: 0 });
        expect(await contrastViolations(member.page), `${size} ${theme}`).toEqual([]);
        await member.page.screenshot({
          path: path.join(OUT, `callsheet-${size}-${theme}.png`),
          fullPage: true,
        });
      }
    }
  }, 180_000);
});
