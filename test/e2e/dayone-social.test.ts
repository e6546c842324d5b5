/**
 * Day-one social features in Chromium, at phone (390x844) and tablet (1024x768) sizes: a comment on my
 * mood-board card from another device shows me a toast and an unread count on whatever page I am on; the
 * Team page shows a new member join without a reload; the landing page offers the demo and the join page
 * names the production and the role before I type my name; whoever starts a production as Director edits
 * the shot list; a mood-board card's footer keeps its controls apart and inside the card.
 * Screenshots go to test-output/dayone-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addScene } from '../../shared/model/breakdown';
import { join, openBoard, type RunningServer, OUT, useServerAndBrowser } from './harness';
import { push } from './seed';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 1024, height: 768 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

const run = useServerAndBrowser();

async function member(role: keyof RunningServer['links'], name: string, viewport: Viewport) {
  const m = await join(run.browser, run.server.links[role], name, {
    width: viewport.width,
    height: viewport.height,
  });
  return m;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** Every card's footer controls: none overlaps another, each inside its card. */
async function footerProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid="mood-card"]')) {
      const c = card.getBoundingClientRect();
      const parts = [...card.querySelectorAll<HTMLElement>('.card-foot > *')].map((el) => ({
        name: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName,
        box: el.getBoundingClientRect(),
      }));
      for (const [i, a] of parts.entries()) {
        const box = a.box;
        if (box.left < c.left - 0.5 || box.right > c.right + 0.5 || box.bottom > c.bottom + 0.5)
          problems.push(`${a.name} leaves its card`);
        for (const b of parts.slice(i + 1)) {
          const o = b.box;
          if (
            box.left < o.right - 0.5 &&
            o.left < box.right - 0.5 &&
            box.top < o.bottom - 0.5 &&
            o.top < box.bottom - 0.5
          )
            problems.push(`${a.name} overlaps ${b.name}`);
        }
      }
    }
    return problems;
  });
}

describe.each(VIEWPORTS)('day one at $name size ($width x $height)', (viewport) => {
  it('a comment on my card from another device: a toast and an unread count on another page; the feed clears it', async () => {
    const author = await member('department', `Dora Design ${viewport.name}`, viewport);
    await openBoard(author, 'Mood board');
    // My own card: a link card, captioned with its address.
    await author.page.getByRole('button', { name: '+ Link' }).click();
    await author.page
      .getByRole('textbox', { name: 'Link' })
      .fill(`https://www.example.com/fog-${viewport.name}`);
    await author.page.getByRole('dialog').getByRole('button', { name: 'Add' }).click();
    const myCard = author.page.getByTestId('mood-card').filter({ hasText: `fog-${viewport.name}` });
    await myCard.waitFor();
    await author.page.locator('[data-testid="sync-status"][data-status="saved"]').waitFor();

    // The demo's cards and mine: the footer's controls stay apart and inside their card.
    expect(await footerProblems(author.page)).toEqual([]);
    await myCard.screenshot({ path: path.join(OUT, `dayone-card-footer-${viewport.name}.png`) });

    // I go on to another board; a crew member (read only) comments on my card from their phone or tablet.
    await openBoard(author, 'Shot list');
    const crew = await member('crew', `Cal Crew ${viewport.name}`, viewport);
    await openBoard(crew, 'Mood board');
    const card = crew.page.getByTestId('mood-card').filter({ hasText: `fog-${viewport.name}` });
    await card.getByRole('button', { name: /^Comments/ }).click();
    await card.getByLabel('Comment').fill('Is the fog machine on the truck?');
    await card.getByRole('button', { name: 'Send' }).click();
    await card.getByText('Is the fog machine on the truck?').waitFor();
    await card.getByText(`Cal Crew ${viewport.name}`).waitFor();

    const toast = author.page.getByTestId('toast');
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toContain(
      `Cal Crew ${viewport.name} commented on your card “https://www.example.com/fog-${viewport.name}”: Is the fog machine on the truck?`,
    );
    expect(
      await author.page.getByRole('status', { name: 'New notifications' }).getAttribute('aria-live'),
    ).toBe('polite');
    const bell = author.page.getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');
    expect(await author.page.getByTestId('unread-count').textContent()).toBe('1');
    await author.page.screenshot({ path: path.join(OUT, `dayone-toast-${viewport.name}.png`) });

    // The toast is fully on screen, does not cover the board navigation, and its targets are 44 px.
    const toastBox = (await toast.boundingBox())!;
    const navBox = (await author.page.getByRole('navigation', { name: 'Boards' }).boundingBox())!;
    expect(inside(toastBox, { x: 0, y: 0, width: viewport.width, height: viewport.height })).toBe(true);
    expect(overlaps(toastBox, navBox)).toBe(false);
    const dismiss = toast.getByRole('button', { name: 'Dismiss notification' });
    for (const target of [dismiss, bell]) {
      const box = (await target.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    await dismiss.click();
    await toast.waitFor({ state: 'detached' });

    // The feed holds it; opening it marks it read, here and for this member's other devices.
    await bell.click();
    const feed = author.page.getByRole('dialog', { name: 'Notifications' });
    await feed.getByText('Is the fog machine on the truck?').waitFor();
    await feed.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    await author.page.reload();
    await author.page.getByRole('button', { name: /^Notifications/ }).waitFor();
    await expect
      .poll(() => author.page.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label'))
      .toBe('Notifications');
  }, 120_000);

  it('the Team page shows a new member joining from another device without a reload', async () => {
    const watcher = await member('ad', `Ari AD ${viewport.name}`, viewport);
    await watcher.page.getByRole('link', { name: 'Team' }).click();
    await watcher.page.getByRole('heading', { name: 'Team' }).waitFor();
    const newcomer = `Nell Newcomer ${viewport.name}`;
    expect(await watcher.page.getByTestId('member').filter({ hasText: newcomer }).count()).toBe(0);
    await member('crew', newcomer, viewport);
    const row = watcher.page.getByTestId('member').filter({ hasText: newcomer });
    await row.waitFor({ timeout: 10_000 });
    await row.getByText('here now').waitFor();
    await watcher.page.screenshot({ path: path.join(OUT, `dayone-team-live-${viewport.name}.png`) });
  }, 90_000);

  it('the landing page says what Setboard is and offers the demo; the join page names the production and role first', async () => {
    const context = await run.browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
    });
    const page = await context.newPage();
    await page.goto(run.server.origin);
    await page.getByText('A live set board for a film production').waitFor();
    await page.getByRole('heading', { name: 'Open the demo' }).waitFor();
    await page.screenshot({ path: path.join(OUT, `dayone-landing-${viewport.name}.png`), fullPage: true });
    await page.getByRole('link', { name: 'Open the demo as Director' }).click();
    await page.waitForURL(/\/join\//);
    await page.getByRole('heading', { name: 'Join Low Tide' }).waitFor();
    expect(await page.locator('.invite-role').textContent()).toBe('You are invited as Director.');
    expect(await page.getByLabel('Your name').inputValue()).toBe('');
    await page.screenshot({ path: path.join(OUT, `dayone-join-${viewport.name}.png`) });
    await page.getByLabel('Your name').fill(`Demo Director ${viewport.name}`);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(/\/p\/[^/]+$/);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
  }, 90_000);

  it('whoever starts a production as Director edits the shot list', async () => {
    const context = await run.browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
    });
    const page = await context.newPage();
    await page.goto(run.server.origin);
    await page.getByLabel('Production name').fill(`Indie ${viewport.name}`);
    await page.getByLabel('Your name').fill('Ida Indie');
    await page.getByLabel('Your role').selectOption('director');
    await page.getByRole('button', { name: 'Start the production' }).click();
    await page.waitForURL(/\/p\/[^/]+$/);
    const productionId = new URL(page.url()).pathname.split('/')[2]!;
    const token = await page.evaluate(
      (id) =>
        (
          JSON.parse(localStorage.getItem('setboard.sessions.v1') ?? '{}') as Record<
            string,
            { token: string }
          >
        )[id]?.token ?? '',
      productionId,
    );
    // A scene written from a second device of hers, as a script import would.
    const breakdown = new Y.Doc();
    addScene(breakdown, {
      number: '1',
      intExt: 'EXT',
      set: 'BEACH',
      time: 'DAY',
      eighths: 8,
      synopsis: '',
      castIds: [],
      locationId: null,
      omitted: false,
    });
    await push(run.server.origin, productionId, 'breakdown', token, breakdown);

    const owner = { context, page, productionId, token };
    await openBoard(owner, 'Shot list');
    expect(await page.getByTestId('read-only-note').count()).toBe(0);
    // A phone opens the shot list in shoot mode; editing is one tap away.
    if (viewport.name === 'phone') await page.getByRole('button', { name: 'Leave shoot mode' }).click();
    await page.getByRole('button', { name: '+ Shot' }).first().click();
    await page.getByTestId('shot-row').first().waitFor();
    await page.locator('[data-testid="sync-status"][data-status="saved"]').waitFor();
    await page.getByRole('link', { name: 'Team' }).click();
    // The owner still manages the team and the permissions.
    await page.getByRole('heading', { name: 'Open invites' }).waitFor();
  }, 90_000);
});
