/**
 * Issue 11, "Phones and tablets", on an iPad in landscape (1024x768) in Chromium against the real server and
 * the demo production. Each test is a complaint: the shot list's header slid away from its columns, the shot
 * code scrolled out of sight and the whole page panned 1,680 px wide; status and notes did not fit; toolbars
 * took a third of the screen; readers' strips printed set names over day/night; a dragged strip or shot could
 * not reach what was off screen, by finger or mouse; storyboard frames were a sideways scroll away.
 * Screenshots go to test-output/layout/tablet-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join, openBoard, type Member, type RunningServer, useServerAndBrowser } from './harness';
import { Finger, type Point } from './finger';
import { TABLET, checkReadOnlyStrips, pageWidth, shoot } from './layout-checks';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const run = useServerAndBrowser();

async function member(role: keyof RunningServer['links'], name: string, board: string): Promise<Member> {
  const m = await join(run.browser, run.server.links[role], name, TABLET);
  await openBoard(m, board);
  return m;
}

const list = (page: Page) => page.locator('[data-testid="shot-scroll"]');
const rows = (page: Page) => page.locator('[data-testid="shot-row"]');
const x = async (l: Locator) => (await l.boundingBox())!.x;

/** Header cell and first-row cell of each column: their left edges. */
async function columnEdges(page: Page) {
  const row = rows(page).first();
  const pairs = {
    code: ['.c-code', '[aria-label="Shot"]'],
    desc: ['.c-desc', '[aria-label="Description"]'],
    status: ['.c-status', '[aria-label="Status"]'],
    notes: ['.c-notes', '[aria-label="Notes"]'],
  } as const;
  const out: Record<string, { head: number; cell: number }> = {};
  for (const [name, [head, cell]] of Object.entries(pairs)) {
    out[name] = {
      head: await x(page.locator(`.shot-head ${head}`)),
      cell: await x(row.locator(cell)),
    };
  }
  return out;
}

describe('an iPad in landscape', () => {
  it('keeps the shot list header over its columns when scrolled sideways, the code pinned, the page still', async () => {
    const director = await member('director', 'Ines Tablet', 'Shot list');
    await rows(director.page).first().waitFor();
    expect(await pageWidth(director.page)).toBe(TABLET.width);
    const before = await columnEdges(director.page);
    await list(director.page).evaluate((el) => (el.scrollLeft = 400));
    await expect.poll(() => list(director.page).evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
    await shoot(director.page, 'tablet-shotlist-scrolled-sideways');
    const after = await columnEdges(director.page);
    for (const [name, edge] of Object.entries(after))
      expect(Math.abs(edge.head - edge.cell), `${name} header over its cells`).toBeLessThanOrEqual(1);
    // the columns moved, the code did not
    expect(after.desc!.cell).toBeLessThan(before.desc!.cell - 300);
    expect(Math.abs(after.code!.cell - before.code!.cell)).toBeLessThanOrEqual(6);
    expect(after.code!.cell).toBeGreaterThanOrEqual(0);
    // the page itself never pans; only the list scrolls
    expect(await pageWidth(director.page)).toBe(TABLET.width);
    expect(await director.page.evaluate(() => window.scrollX)).toBe(0);
  }, 120_000);

  it('lets the person choose columns, so status and notes fit, and remembers the choice on this device', async () => {
    const director = await member('director', 'Ines Columns', 'Shot list');
    await rows(director.page).first().waitFor();
    const status = rows(director.page).first().getByLabel('Status');
    const notes = rows(director.page).first().getByLabel('Notes');
    const fits = async (l: Locator) => {
      const b = await l.boundingBox();
      return b !== null && b.x >= 0 && b.x + b.width <= TABLET.width;
    };
    expect(await fits(notes)).toBe(false);

    await director.page.getByRole('button', { name: /^Columns/ }).click();
    const dialog = director.page.getByRole('dialog', { name: 'Columns on this device' });
    for (const name of ['Angle', 'Movement', 'Frame rate', 'Sound', 'Setup', 'Minutes (set, shoot)', 'Cast'])
      await dialog.getByLabel(name, { exact: true }).uncheck();
    await shoot(director.page, 'tablet-shotlist-columns-menu');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await director.page.locator('.shot-head .c-angle').isVisible()).toBe(false);
    expect(await rows(director.page).first().getByLabel('Angle').isVisible()).toBe(false);
    expect(await fits(status)).toBe(true);
    expect(await fits(notes)).toBe(true);
    await shoot(director.page, 'tablet-shotlist-chosen-columns');
    for (const [name, edge] of Object.entries(await columnEdges(director.page)))
      expect(Math.abs(edge.head - edge.cell), `${name} header over its cells`).toBeLessThanOrEqual(1);

    // this device remembers
    await director.page.reload();
    await rows(director.page).first().waitFor();
    expect(await director.page.locator('.shot-head .c-angle').isVisible()).toBe(false);
    expect(await fits(rows(director.page).first().getByLabel('Notes'))).toBe(true);
    // and a column comes back
    await director.page.getByRole('button', { name: /^Columns/ }).click();
    await dialog.getByLabel('Angle', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await director.page.locator('.shot-head .c-angle').waitFor();
    expect(await rows(director.page).first().getByLabel('Angle').isVisible()).toBe(true);
  }, 120_000);

  it('gives the list at least three quarters of the height: toolbars take less than a quarter', async () => {
    const director = await member('director', 'Ines Toolbars', 'Shot list');
    await rows(director.page).first().waitFor();
    await shoot(director.page, 'tablet-shotlist');
    const top = (await list(director.page).boundingBox())!.y;
    expect(top).toBeLessThan(TABLET.height / 4);
  }, 120_000);

  it('draws the read-only stripboard in columns: set names never print over day/night', async () => {
    const crew = await member('crew', 'Lee Tablet', 'Schedule');
    await shoot(crew.page, 'tablet-schedule-read-only');
    await checkReadOnlyStrips(crew.page);
  }, 120_000);

  it('scrolls the stripboard while a finger holds a strip near the bottom edge, and drops it on an off-screen day', async () => {
    const ad = await member('ad', 'Sam Tablet', 'Schedule');
    const finger = await Finger.on(ad.page);
    const days = ad.page.locator('[data-testid="day"][data-day-kind="shoot"]');
    // scene numbers come from the breakdown, a second document that may sync after the schedule
    const strip = days.nth(0).locator('[data-testid="strip"]:not([data-scene=""])').first();
    await strip.waitFor();
    const scene = (await strip.getAttribute('data-scene'))!;
    const board = ad.page.getByLabel('Stripboard');
    const target = days.nth(2).locator('[data-testid="strip"]').last();
    const frame = (await board.boundingBox())!;
    // the last day starts off screen
    expect((await target.boundingBox())!.y).toBeGreaterThan(frame.y + frame.height);
    await dragToEdgeAndDrop(finger, strip.locator('.drag-handle'), frame, target);
    await days.nth(2).locator(`[data-testid="strip"][data-scene="${scene}"]`).waitFor({ timeout: 5_000 });
    expect(await days.nth(0).locator(`[data-testid="strip"][data-scene="${scene}"]`).count()).toBe(0);
    await shoot(ad.page, 'tablet-schedule-strip-dropped');
  }, 120_000);

  for (const input of ['touch', 'mouse'] as const) {
    it(`scrolls the shot list while a shot is held near the bottom edge by ${input}, and drops it there`, async () => {
      const director = await member('director', `Ines Drag ${input}`, 'Shot list');
      await director.page.getByRole('button', { name: 'Shooting order' }).click();
      await rows(director.page).first().waitFor();
      const first = rows(director.page).first();
      const code = (await first.getAttribute('data-shot-code'))!;
      const frame = (await list(director.page).boundingBox())!;
      const total = await list(director.page).evaluate((el) => el.scrollHeight - el.clientHeight);
      expect(total).toBeGreaterThan(500);
      const pointer = input === 'touch' ? await Finger.on(director.page) : mouse(director.page);
      // the last shot is off screen until the list scrolls
      const last = rows(director.page).last();
      await dragToEdgeAndDrop(pointer, first.locator('.drag-handle'), frame, last, async () => {
        const end = await list(director.page).evaluate(
          (el) => el.scrollHeight - el.clientHeight - el.scrollTop,
        );
        return end < 2;
      });
      await expect.poll(async () => rows(director.page).last().getAttribute('data-shot-code')).toBe(code);
      expect(await list(director.page).evaluate((el) => el.scrollTop)).toBeGreaterThan(total - 2);
      await shoot(director.page, `tablet-shotlist-dropped-${input}`);
    }, 120_000);
  }

  it('shows storyboard frames next to the shot code, and on the shoot-mode cards', async () => {
    const director = await member('director', 'Ines Frames', 'Shot list');
    await director.page.getByRole('button', { name: /^Storyboard for shot 2A:/ }).click();
    await director.page
      .getByLabel('Attach storyboard frames to shot 2A')
      .setInputFiles({ name: 'frame.png', mimeType: 'image/png', buffer: PNG });
    await director.page.getByRole('img', { name: 'Frame 1 of shot 2A' }).waitFor({ timeout: 10_000 });
    await director.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    const thumb = director.page.locator('[data-shot-code="2A"] img.frame-thumb');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    const box = (await thumb.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(TABLET.width / 2);

    await director.page.getByRole('button', { name: 'Shoot mode' }).click();
    const frame = director.page.locator(
      '[data-testid="shoot-card"][data-shot-code="2A"] img.shoot-frame-img',
    );
    await frame.scrollIntoViewIfNeeded();
    await expect.poll(() => frame.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    const big = (await frame.boundingBox())!;
    expect(big.width).toBeGreaterThanOrEqual(100);
    expect(big.x + big.width).toBeLessThanOrEqual(TABLET.width);
    await shoot(director.page, 'tablet-shoot-mode-frame');
    expect(await pageWidth(director.page)).toBe(TABLET.width);
  }, 120_000);
});

interface Pointer {
  down(x: number, y: number): Promise<unknown>;
  moveTo(from: Point, to: Point, steps?: number): Promise<unknown>;
  up(): Promise<unknown>;
}

function mouse(page: Page): Pointer {
  return {
    down: async (x: number, y: number) => {
      await page.mouse.move(x, y);
      await page.mouse.down();
    },
    moveTo: (_from: Point, to: Point, steps = 8) => page.mouse.move(to.x, to.y, { steps }),
    up: () => page.mouse.up(),
  };
}

/**
 * Picks up `handle`, holds it in the bottom edge zone of `frame` until `target` is in view (and `arrived`,
 * when given, says so), then moves onto the lower half of `target` and lets go.
 */
async function dragToEdgeAndDrop(
  pointer: Pointer,
  handle: Locator,
  frame: { x: number; y: number; width: number; height: number },
  target: Locator,
  arrived?: () => Promise<boolean>,
): Promise<void> {
  const box = (await handle.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const edge = { x: start.x, y: Math.min(frame.y + frame.height, TABLET.height) - 12 };
  await pointer.down(start.x, start.y);
  await pointer.moveTo(start, edge);
  await expect
    .poll(
      async () => {
        const b = await target.boundingBox();
        const inView = b !== null && b.y >= frame.y && b.y + b.height <= frame.y + frame.height + 1;
        return inView && (arrived ? await arrived() : true);
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(true);
  // out of the edge zone the scrolling stops; then onto the lower half of the target
  const middle = { x: edge.x, y: frame.y + frame.height / 2 };
  await pointer.moveTo(edge, middle, 4);
  const over = (await target.boundingBox())!;
  await pointer.moveTo(middle, { x: over.x + over.width / 2, y: over.y + over.height * 0.75 }, 4);
  await pointer.up();
}
