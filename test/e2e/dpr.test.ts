/**
 * Chromium: the daily production report on the demo. The AD opens day 1 on a phone, reads the figures the day
 * log gives with their source, types the camera wrap (a refused time is marked where it was typed) and
 * submits; the producer approves on a tablet; the cost report open on another device shows the day's
 * accrual arrive without a reload. Every control is at least 44 px and nothing scrolls sideways at either size.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join, openBoard, OUT, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

/** Every visible control of the report is at least 44 px both ways, and the page does not scroll sideways. */
async function expectUsable(page: Page, atLeast: number) {
  const sizes = await page
    .locator('.dpr button:visible, .dpr select:visible, .dpr input:visible, .dpr textarea:visible')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          [
            e.getAttribute('aria-label') ?? e.id ?? e.tagName,
            e.getBoundingClientRect().height,
            e.getBoundingClientRect().width,
          ] as const,
      ),
    );
  expect(sizes.length).toBeGreaterThanOrEqual(atLeast);
  for (const [name, height, width] of sizes) {
    expect(height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(width, `${name} width`).toBeGreaterThanOrEqual(44);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('production report in the browser', () => {
  it('the AD submits day 1 on a phone, the producer approves on a tablet, the cost report shows the accrual live', async () => {
    const ad = await join(run.browser, run.server.links.ad, 'Sam AD', { width: 390, height: 844 });
    const producer = await join(run.browser, run.server.links.producer, 'Pat Producer');
    const laptop = await join(run.browser, run.server.links.producer, 'Pat Producer (laptop)');

    // The cost report is open on another device before anything is approved.
    await openBoard(laptop, 'Cost report');
    const report = laptop.page.getByTestId('cost-report');
    await report.waitFor();
    expect(await laptop.page.getByRole('region', { name: 'Accruals' }).count()).toBe(0);

    await openBoard(ad, 'Production report');
    const page = ad.page;
    await expect.poll(() => page.getByRole('status', { name: /State:/ }).textContent()).toBe('Draft');
    expect(await page.locator('.dpr-heading').textContent()).toMatch(/Day 1 of 3/);
    // figures the day log gives, with where they came from
    expect(await page.getByLabel('Crew call', { exact: true }).inputValue()).toBe('06:00');
    expect(await page.getByText('Day log: first shot logged 07:12').count()).toBe(1);
    expect(await page.getByLabel('Lunch out', { exact: true }).inputValue()).toBe('12:40');

    // a refused time stays typed, marked, with the reason under it
    const afterLunch = page.getByLabel('First shot after lunch', { exact: true });
    await afterLunch.fill('25:99');
    await afterLunch.press('Enter');
    expect(await afterLunch.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toMatch(/expected a time HH:MM/);
    expect(await afterLunch.inputValue()).toBe('25:99');
    await afterLunch.fill('13:25');
    await afterLunch.press('Enter');
    await expect.poll(() => afterLunch.getAttribute('aria-invalid')).toBeNull();

    // the AD types the wrap the log does not have yet
    const wrap = page.getByLabel('Camera wrap', { exact: true });
    await wrap.fill('19:10');
    await wrap.press('Enter');
    await expect
      .poll(() => page.locator('.dpr-figures li.corrected').first().textContent())
      .toMatch(/Corrected/);
    await expectUsable(page, 30);
    await page.screenshot({ path: path.join(OUT, 'dpr-phone.png'), fullPage: true });

    await page.getByRole('button', { name: 'Submit report' }).click();
    await expect.poll(() => page.getByRole('status', { name: /State:/ }).textContent()).toBe('Submitted');
    // submitted: the AD's figures are read only until the producer returns it
    expect(await page.getByLabel('Camera wrap', { exact: true }).evaluate((e) => e.tagName)).toBe('OUTPUT');
    expect(await page.getByLabel('Camera wrap', { exact: true }).textContent()).toBe('19:10');

    await openBoard(producer, 'Production report');
    const p = producer.page;
    await expect.poll(() => p.getByRole('status', { name: /State:/ }).textContent()).toBe('Submitted');
    expect(await p.getByRole('button', { name: 'Submit report' }).count()).toBe(0);
    // a submitted report is read only: the day picker and the producer's two steps
    await expectUsable(p, 3);
    await p.getByRole('button', { name: 'Approve report' }).click();
    await expect.poll(() => p.getByRole('status', { name: /State:/ }).textContent()).toBe('Approved');
    await p.screenshot({ path: path.join(OUT, 'dpr-tablet-approved.png'), fullPage: true });

    // the other device's cost report receives the accrual live
    const accruals = laptop.page.getByRole('region', { name: 'Accruals' });
    await accruals.waitFor({ timeout: 15_000 });
    expect(await accruals.getByTestId('accrual').count()).toBeGreaterThan(0);
    expect(await accruals.textContent()).toMatch(/accrued.*Day 1 hot costs \(DPR\)/);
    expect(await report.locator('.accrued').count()).toBeGreaterThan(0);
    await laptop.page.screenshot({ path: path.join(OUT, 'dpr-costreport-accrual.png') });

    for (const m of [ad, producer, laptop]) await m.context.close();
  }, 180_000);
});
