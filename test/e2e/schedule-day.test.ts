/**
 * The AD runs the day from the schedule screen, in Chromium against the real server and the demo
 * production (three shooting days from today): edit a day's date and calls and the director's tablet shows
 * it; split a strip and move part 2 to another day by touch, held near the bottom edge so the board
 * scrolls; log lunch at a past time; a second tablet's tap on lunch is refused naming the first entry; the
 * clock shows nothing for tomorrow. Screenshots at phone and tablet sizes go to test-output/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calc/clock';
import {
  join,
  openBoard,
  type Member,
  type RunningServer,
  OUT,
  PHONE,
  TABLET,
  useServerAndBrowser,
} from './harness';
import { Finger } from './finger';

const run = useServerAndBrowser();

async function member(role: keyof RunningServer['links'], name: string, viewport = TABLET): Promise<Member> {
  const m = await join(run.browser, run.server.links[role], name, viewport);
  await openBoard(m, 'Schedule');
  return m;
}

const days = (page: Page) => page.locator('[data-testid="day"][data-day-kind="shoot"]');
const panel = (page: Page) => page.getByRole('complementary', { name: 'Day panel' });

describe('the AD runs the day from the schedule', () => {
  it('edits a day: a rejected date stays where it was typed; the director sees the new date and calls', async () => {
    const ad = await member('ad', 'Sam AD');
    const director = await member('director', 'Ines Director');
    const day3 = days(ad.page).nth(2);
    const oldDate = (await day3.getAttribute('data-date'))!;
    const newDate = addDays(oldDate, 7);
    await day3.getByRole('button', { name: 'Edit day', exact: true }).click();
    const dialog = ad.page.getByRole('dialog');
    await dialog.getByLabel('Date').fill('2025-02-30');
    await dialog.getByLabel('Crew call').fill('05:30');
    await dialog.getByLabel('Shooting call').fill('06:30');
    // the computed sunset is shown (the demo's locations have coordinates)
    await expect.poll(() => dialog.getByText(/Computed \d\d:\d\d at /).count()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Save day' }).click();
    const date = dialog.getByLabel('Date');
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    expect(await date.inputValue()).toBe('2025-02-30');
    await dialog.getByText('expected a date YYYY-MM-DD, got "2025-02-30"').waitFor();
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-edit-day-rejected-tablet.png') });

    await date.fill(newDate);
    await dialog.getByRole('button', { name: 'Save day' }).click();
    await dialog.waitFor({ state: 'detached' });
    const directorDay = director.page.locator(`[data-testid="day"][data-date="${newDate}"]`);
    await directorDay.waitFor({ timeout: 5_000 });
    await expect
      .poll(() => directorDay.getByTestId('day-calls').textContent())
      .toContain('crew call 05:30 · shooting call 06:30');
    expect(await director.page.locator(`[data-testid="day"][data-date="${oldDate}"]`).count()).toBe(0);
    expect(await ad.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      TABLET.width,
    );
    // the director reads the schedule: no Edit day for them
    expect(await director.page.getByRole('button', { name: 'Edit day', exact: true }).count()).toBe(0);
  }, 120_000);

  it('splits a strip and moves part 2 to another day by touch, the board scrolling at the bottom edge', async () => {
    const ad = await member('ad', 'Sam Touch', PHONE);
    const finger = await Finger.on(ad.page);
    const first = days(ad.page).nth(0);
    // a strip of at least 2/8 on day 1
    // scene numbers come from the breakdown, a second document that may sync after the schedule
    const strip = first.locator('[data-testid="strip"][data-part=""]:not([data-scene=""])').first();
    await strip.waitFor();
    const scene = (await strip.getAttribute('data-scene'))!;
    await strip.getByRole('button', { name: `Actions for scene ${scene}` }).click();
    await ad.page.getByRole('button', { name: 'Split into parts' }).click();
    await ad.page.getByRole('dialog').getByRole('button', { name: 'Split' }).click();
    const part1 = first.locator(`[data-scene="${scene}"][data-part="1"]`);
    const part2 = ad.page.locator(`[data-scene="${scene}"][data-part="2"]`);
    await part1.waitFor();
    await part2.waitFor();
    expect(await first.locator(`[data-scene="${scene}"][data-part="2"]`).count()).toBe(1);
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-split-phone.png') });
    await first.getByRole('button', { name: 'Edit day', exact: true }).click();
    await ad.page.getByRole('dialog').getByLabel('Sunset').waitFor();
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-edit-day-phone.png') });
    await ad.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await ad.page.getByRole('dialog').waitFor({ state: 'detached' });

    // what scrolls the board: the board itself on a tablet, the board and day panel together on a phone
    const board = await ad.page.getByLabel('Stripboard').evaluateHandle((el) => {
      let e: HTMLElement | null = el as HTMLElement;
      while (e && !(/auto|scroll/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight))
        e = e.parentElement;
      return e ?? document.documentElement;
    });
    const scrollBefore = await board.evaluate((el) => el.scrollTop);
    const handle = part2.locator('.drag-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const frame = (await board.asElement()!.boundingBox())!;
    const edge = { x: start.x, y: Math.min(frame.y + frame.height, PHONE.height) - 12 };
    await finger.down(start.x, start.y);
    await finger.moveTo(start, edge);
    // hold still near the bottom edge: the board scrolls until the last day is in view
    const lastDay = days(ad.page).nth(2);
    const target = lastDay.locator('[data-testid="strip"]').last();
    await expect
      .poll(
        async () => {
          const b = await target.boundingBox();
          return b !== null && b.y + b.height < edge.y - 20 && b.y > frame.y;
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBe(true);
    expect(await board.evaluate((el) => el.scrollTop)).toBeGreaterThan(scrollBefore + 100);
    // out of the edge zone the scrolling stops; then onto the lower half of day 3's last strip
    const middle = { x: edge.x, y: frame.y + frame.height / 2 };
    await finger.moveTo(edge, middle, 4);
    const over = (await target.boundingBox())!;
    await finger.moveTo(middle, { x: over.x + over.width / 2, y: over.y + over.height * 0.75 }, 4);
    await ad.page.locator('.drop-below').waitFor();
    await finger.up();
    await lastDay.locator(`[data-scene="${scene}"][data-part="2"]`).waitFor({ timeout: 5_000 });
    expect(await first.locator(`[data-scene="${scene}"][data-part="2"]`).count()).toBe(0);
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-part2-moved-phone.png') });

    // nothing spills sideways on a phone, and the day's controls are finger-sized
    expect(await ad.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    for (const name of ['Edit day', `Actions for scene ${scene} part 1`]) {
      const b = (await ad.page.getByRole('button', { name, exact: true }).first().boundingBox())!;
      expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(44);
    }
  }, 120_000);

  it('logs lunch at a past time; a second tablet tapping lunch is refused with the first entry named', async () => {
    const ad = await member('ad', 'Sam Log');
    const second = await member('ad', 'Kit Second', PHONE);
    const day = panel(ad.page);
    await expect.poll(() => day.getByTestId('day-mode').textContent()).toContain('Being shot');
    // the demo logged lunch at 12:40: delete it, then log it at another time
    const lunch = day.locator('[data-testid="log-entry"][data-kind="lunch-called"]');
    await day.getByRole('button', { name: /^Delete Lunch called/ }).click();
    await ad.page.getByRole('dialog').getByRole('button', { name: 'Delete entry' }).click();
    await expect.poll(() => lunch.count()).toBe(0);

    await day.getByRole('button', { name: 'Log at another time…' }).click();
    const dialog = ad.page.getByRole('dialog');
    await dialog.getByLabel('What happened').selectOption('lunch-called');
    const time = dialog.getByLabel('Time');
    await time.fill('12:75');
    await dialog.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => time.getAttribute('aria-invalid')).toBe('true');
    expect(await time.inputValue()).toBe('12:75');
    await time.fill('11:50');
    await dialog.getByRole('button', { name: 'Log it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => lunch.textContent()).toContain('11:50 Lunch called · Sam Log');
    // logging lunch on the day being shot calls LUNCH on the set channel
    await expect
      .poll(() => ad.page.getByTestId('set-status-pill').textContent(), { timeout: 5_000 })
      .toMatch(/lunch/i);

    const other = panel(second.page);
    await other.locator('[data-testid="log-entry"][data-kind="lunch-called"]').waitFor({ timeout: 5_000 });
    await other.getByRole('button', { name: 'Lunch called', exact: false }).first().click();
    const refusal = other.getByTestId('log-refused');
    await expect.poll(() => refusal.textContent()).toContain('already logged at 11:50 by Sam Log');
    await second.page.screenshot({ path: path.join(OUT, 'schedule-lunch-refused-phone.png') });
    expect(await other.locator('[data-testid="log-entry"][data-kind="lunch-called"]').count()).toBe(1);
    // the way to correct it
    await refusal.getByRole('button', { name: 'Correct it' }).click();
    const fix = second.page.getByRole('dialog');
    await fix.getByLabel('Time').fill('11:55');
    await fix.getByRole('button', { name: 'Save correction' }).click();
    await expect
      .poll(() => lunch.textContent(), { timeout: 5_000 })
      .toContain('11:55 Lunch called · Sam Log, changed by Kit Second');
  }, 120_000);

  it('shows no behind or ahead for tomorrow: its planned lunch and wrap only', async () => {
    const ad = await member('ad', 'Sam Plan');
    const day = panel(ad.page);
    const select = day.getByLabel('Shooting day');
    const tomorrow = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(tomorrow!);
    await expect.poll(() => day.getByTestId('day-mode').textContent()).toContain('Planned');
    const figures = day.getByTestId('day-figures');
    expect(await figures.getByText(/^(Behind|Ahead)$/).count()).toBe(0);
    await figures.getByText('Planned wrap').waitFor();
    await figures.getByText('Planned lunch').waitFor();
    expect(await figures.textContent()).not.toMatch(/penalt|min late|min left/);
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-tomorrow-tablet.png') });
    await ad.page.setViewportSize(PHONE);
    await ad.page.screenshot({ path: path.join(OUT, 'schedule-tomorrow-phone.png') });
  }, 120_000);
});
