/** Geometry a person notices, read from the real layout in Chromium: overlaps, cut-offs, covered items. */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const LAYOUT_OUT = path.resolve(import.meta.dirname, '../../test-output/layout');
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(LAYOUT_OUT, { recursive: true });
  await page.screenshot({ path: path.join(LAYOUT_OUT, `${name}.png`) });
}

/** Two boxes share area (touching edges do not count). */
export function overlap(a: Box, b: Box): boolean {
  const tolerance = 0.5;
  return (
    a.x + a.width > b.x + tolerance &&
    b.x + b.width > a.x + tolerance &&
    a.y + a.height > b.y + tolerance &&
    b.y + b.height > a.y + tolerance
  );
}

/** The box of an element's text as painted (its line boxes), not of the element. */
export function textBox(locator: Locator): Promise<Box | null> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return r.width === 0 && r.height === 0 ? null : { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/** The element is inside the viewport and nothing else is painted over its centre. */
export function uncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inside = r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inside && hit !== null && (hit === el || el.contains(hit));
  });
}

/** How wide the page is: a page wider than the viewport pans sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

/** Every strip's set name is clear of its day/night and I/E, and the columns line up from strip to strip. */
export async function checkReadOnlyStrips(page: Page): Promise<void> {
  const strips = await page.locator('[data-testid="strip"]').all();
  expect(strips.length).toBeGreaterThan(5);
  expect(await page.locator('[data-testid="strip"] select, .strip .drag-handle').count()).toBe(0);
  const lefts = new Set<number>();
  for (const strip of strips) {
    // the set name has the wide column, not a sliver that breaks "HARBOUR" into "HAR/BOU/R"
    expect((await strip.locator('.s-set').boundingBox())!.width).toBeGreaterThanOrEqual(150);
    const set = (await textBox(strip.locator('.s-set')))!;
    for (const other of ['.s-dn', '.s-ie', '.s-num', '.s-pages', '.s-status']) {
      const box = await textBox(strip.locator(other));
      if (box) expect(overlap(set, box), `set name over ${other}`).toBe(false);
    }
    lefts.add(Math.round((await strip.locator('.s-dn').boundingBox())!.x));
  }
  expect(lefts.size).toBe(1);
}
