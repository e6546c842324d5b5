/**
 * Issue 11, "Phones and tablets", on a phone (390x844) in Chromium against the real server and the demo
 * production. Each test is a complaint: the board tabs were cut and covered by the status pill; shoot-mode
 * cards overprinted the next card; the first shot was below the filters; the stripboard's set names overprinted
 * day/night for readers; the day panel and strip status controls did not fit; storyboard frames were not seen
 * in shoot mode. Screenshots go to test-output/layout/phone-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BOARD_LABELS, BOARDS, DEFAULT_PERMISSIONS, canRead } from '../../shared/boards';
import { join, openBoard, type Member, type RunningServer, useServerAndBrowser } from './harness';
import {
  PHONE,
  TABLET,
  checkReadOnlyStrips,
  overlap,
  pageWidth,
  shoot,
  textBox,
  uncovered,
} from './layout-checks';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const run = useServerAndBrowser();

async function member(role: keyof RunningServer['links'], name: string, viewport = PHONE): Promise<Member> {
  const m = await join(run.browser, run.server.links[role], name, viewport);
  return m;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Boards' });
const cards = (page: Page) => page.locator('[data-testid="shoot-card"]');

describe('a phone', () => {
  it('reaches every board from the tabs, and neither status pill covers them', async () => {
    // the AD calls "Rolling", so the set status pill is in the phone's top bar too
    const ad = await member('ad', 'Sam Calls', TABLET);
    await openBoard(ad, 'Schedule');
    await ad.page
      .getByRole('complementary', { name: 'Day panel' })
      .getByRole('button', { name: 'Rolling' })
      .click();
    const director = await member('director', 'Ines Phone');
    await director.page.locator('[data-testid="set-status-pill"]').waitFor();
    await openBoard(director, 'Shot list');
    await shoot(director.page, 'phone-nav');

    const readable = BOARDS.filter((b) => canRead(DEFAULT_PERMISSIONS.director[b]));
    expect(await nav(director.page).getByRole('link').count()).toBe(readable.length);
    const pills = director.page.locator('[data-testid="set-status-pill"], [data-testid="sync-status"]');
    expect(await pills.count()).toBe(2);
    for (const board of readable) {
      const link = nav(director.page).getByRole('link', { name: BOARD_LABELS[board], exact: true });
      await link.scrollIntoViewIfNeeded();
      expect(await uncovered(link), `${BOARD_LABELS[board]} tab is on screen and not covered`).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      for (const pill of await pills.all()) expect(overlap(box, (await pill.boundingBox())!)).toBe(false);
    }
    // the board's own actions scroll on one line too: none is squeezed so its words spill over the next
    const actions = await director.page.locator('.board-actions > *:visible').all();
    expect(actions.length).toBeGreaterThan(3);
    const actionBoxes = [];
    for (const action of actions) {
      expect(await action.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      actionBoxes.push((await action.boundingBox())!);
    }
    for (let i = 1; i < actionBoxes.length; i++)
      expect(overlap(actionBoxes[i - 1]!, actionBoxes[i]!)).toBe(false);
    // the fade says there is more to scroll to, on the side where there is
    expect(await nav(director.page).getAttribute('data-more-start')).not.toBeNull();
    // the tab of the board being opened scrolls into view by itself
    await nav(director.page).evaluate((el) => (el.scrollLeft = 0));
    await nav(director.page).getByRole('link', { name: 'Cost report' }).click();
    await director.page.locator('.board-frame[data-board="costreport"]').waitFor();
    expect(await uncovered(nav(director.page).getByRole('link', { name: 'Cost report' }))).toBe(true);
    expect(await pageWidth(director.page)).toBe(PHONE.width);
  }, 120_000);

  it('shows the first shot on the first screen in shoot mode, filters folded away', async () => {
    const director = await member('director', 'Ines First');
    await openBoard(director, 'Shot list');
    await cards(director.page).first().waitFor();
    await shoot(director.page, 'phone-shotlist-first-screen');
    const first = (await cards(director.page).first().boundingBox())!;
    expect(first.y).toBeLessThan(PHONE.height);
    expect(first.y + first.height).toBeLessThanOrEqual(PHONE.height);
    const filters = director.page.getByRole('button', { name: /Filters/ });
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    expect(await director.page.getByLabel('Filter by status').count()).toBe(0);
    await filters.click();
    await director.page.getByLabel('Filter by status').selectOption('done');
    await expect.poll(() => filters.textContent()).toContain('1 on');
    expect(await pageWidth(director.page)).toBe(PHONE.width);
  }, 120_000);

  it('grows a shoot-mode card with a long description instead of printing over the next card', async () => {
    const director = await member('director', 'Ines Long');
    await openBoard(director, 'Shot list');
    await director.page.getByRole('button', { name: 'Leave shoot mode' }).click();
    const long =
      'Slow push in from the end of the pier as the fog lifts: Mara small at the far end, gulls crossing ' +
      'frame left to right, the bell buoy in the foreground soft, then rack to Mara as she turns and sees ' +
      'the empty mooring ring where the boat should be. Hold on her until the horn sounds.';
    const description = director.page.locator('[data-shot-code="1A"] [aria-label="Description"]');
    await description.fill(long);
    await director.page.getByRole('button', { name: 'Shoot mode' }).click();
    const card = director.page.locator('[data-testid="shoot-card"][data-shot-code="1A"]');
    await card.getByText('Hold on her until the horn sounds.').waitFor();
    await shoot(director.page, 'phone-shoot-mode-long-text');

    const all = await cards(director.page).all();
    expect(all.length).toBeGreaterThan(2);
    const boxes = [];
    for (const c of all) boxes.push((await c.boundingBox())!);
    boxes.sort((a, b) => a.y - b.y);
    for (let i = 1; i < boxes.length; i++) expect(overlap(boxes[i - 1]!, boxes[i]!)).toBe(false);
    // the text stays inside its own card
    const box = (await card.boundingBox())!;
    const text = (await textBox(card.locator('.shoot-body')))!;
    expect(text.y + text.height).toBeLessThanOrEqual(box.y + box.height);
    expect(box.height).toBeGreaterThan(150);
  }, 120_000);

  it('fits the schedule: strip status controls and the day panel inside the screen, finger-sized', async () => {
    const ad = await member('ad', 'Sam Phone');
    await openBoard(ad, 'Schedule');
    await shoot(ad.page, 'phone-schedule-ad');
    const strips = await ad.page.locator('[data-testid="strip"]').all();
    expect(strips.length).toBeGreaterThan(5);
    for (const strip of strips.slice(0, 8)) {
      const row = (await strip.boundingBox())!;
      const select = (await strip.locator('select.s-status').boundingBox())!;
      expect(select.height).toBeGreaterThanOrEqual(44);
      expect(select.x).toBeGreaterThanOrEqual(row.x);
      expect(select.x + select.width).toBeLessThanOrEqual(row.x + row.width + 0.5);
      expect(row.x + row.width).toBeLessThanOrEqual(PHONE.width);
      // the set name is readable: given the strip's width rather than a sliver, and clear of the controls
      expect((await strip.locator('.s-set').boundingBox())!.width).toBeGreaterThanOrEqual(150);
      const set = (await textBox(strip.locator('.s-set')))!;
      expect(overlap(set, select)).toBe(false);
      const dn = await textBox(strip.locator('.s-dn'));
      if (dn) expect(overlap(set, dn)).toBe(false);
    }
    const panel = ad.page.getByRole('complementary', { name: 'Day panel' });
    await panel.scrollIntoViewIfNeeded();
    await shoot(ad.page, 'phone-schedule-day-panel');
    for (const control of await panel.locator('button, select').all()) {
      const box = await control.boundingBox();
      if (!box) continue;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    expect(await pageWidth(ad.page)).toBe(PHONE.width);
  }, 120_000);

  it('draws the read-only stripboard in columns: set names never print over day/night', async () => {
    const crew = await member('crew', 'Lee Phone');
    await openBoard(crew, 'Schedule');
    await shoot(crew.page, 'phone-schedule-read-only');
    await checkReadOnlyStrips(crew.page);
  }, 120_000);

  it('shows storyboard frames on the shoot-mode cards, without scrolling sideways', async () => {
    const director = await member('director', 'Ines Frames');
    await openBoard(director, 'Shot list');
    await director.page.getByRole('button', { name: 'Leave shoot mode' }).click();
    await director.page.getByRole('button', { name: /^Storyboard for shot 1B:/ }).click();
    await director.page
      .getByLabel('Attach storyboard frames to shot 1B')
      .setInputFiles({ name: 'frame.png', mimeType: 'image/png', buffer: PNG });
    await director.page.getByRole('img', { name: 'Frame 1 of shot 1B' }).waitFor({ timeout: 10_000 });
    await director.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await director.page.getByRole('button', { name: 'Shoot mode' }).click();

    const frame = director.page.locator(
      '[data-testid="shoot-card"][data-shot-code="1B"] img.shoot-frame-img',
    );
    await frame.scrollIntoViewIfNeeded();
    await expect.poll(() => frame.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await shoot(director.page, 'phone-shoot-mode-frame');
    const box = (await frame.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(64);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // a tap opens the frames large
    await director.page.getByRole('button', { name: /^Storyboard for shot 1B: 1 frame/ }).click();
    await director.page.getByRole('img', { name: 'Frame 1 of shot 1B' }).waitFor();
    expect(await pageWidth(director.page)).toBe(PHONE.width);
  }, 120_000);
});
