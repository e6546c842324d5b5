/**
 * Personal invites on the Team page in Chromium: the owner (on a tablet) makes a shared link, a director
 * joins with it on a phone, the owner sees who used it, removes the director and revokes the link when
 * offered; the director's link then refuses them in words. A personal invite is revoked from the list.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join, OUT, PHONE, TABLET, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

/** Starts a production in the browser (as its owner does) and opens its Team page. */
async function ownerOnTeamPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await run.browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`[owner] page error: ${error.message}`));
  await page.goto(run.server.origin);
  await page.getByLabel('Production name').fill('Harbour Lights');
  await page.getByLabel('Your name').fill('Olive Owner');
  await page.getByRole('button', { name: 'Start the production' }).click();
  await page.waitForURL(/\/p\/[^/]+$/);
  await page.getByRole('link', { name: 'Team' }).click();
  await page.getByRole('heading', { name: 'Open invites' }).waitFor();
  return page;
}

async function createInvite(page: Page, role: string, people: number, days: number): Promise<string> {
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByLabel('People it admits').fill(String(people));
  await page.getByLabel('Days until it expires').fill(String(days));
  await page.getByRole('button', { name: 'Create invite' }).click();
  const link = page.locator('#invite-url');
  await expect.poll(() => link.inputValue()).toMatch(/\/join\//);
  return link.inputValue();
}

/** axe-core's WCAG 2 A/AA findings on the Team page's main region (evaluated through the debugger, not CSP). */
async function accessibilityViolations(page: Page): Promise<Array<{ id: string; nodes: number }>> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document.querySelector('main.team')!, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    })) as { violations: Array<{ id: string; nodes: unknown[] }> };
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
  });
}

/** Opens a link in a fresh phone context and tries to join; returns the words the join page shows. */
async function refusedJoin(link: string, name: string): Promise<string> {
  const context = await run.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/join\//);
  expect(await page.getByLabel('Your name').inputValue()).toBe(name);
  return (await alert.textContent()) ?? '';
}

describe('Team page invites in Chromium', () => {
  it('a removed director cannot come back through the shared link they used once the owner revokes it', async () => {
    const owner = await ownerOnTeamPage(TABLET);
    const link = await createInvite(owner, 'Director', 3, 5);
    await expect
      .poll(() => owner.locator('#invite-url').locator('xpath=../..').textContent())
      .toContain('Shared link for up to 3 people as Director');

    await join(run.browser, link, 'Dana Director', PHONE);

    await owner.reload();
    const row = owner.getByTestId('invite');
    await expect.poll(() => row.textContent()).toContain('2 of 3 uses left');
    expect(await row.textContent()).toContain('Used by Dana Director');
    await owner.screenshot({ path: path.join(OUT, 'team-invites-tablet.png'), fullPage: true });
    expect(await accessibilityViolations(owner)).toEqual([]);

    await owner
      .getByTestId('member')
      .filter({ hasText: 'Dana Director' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Remove Dana Director' }).click();
    const offer = owner.getByRole('dialog');
    await expect.poll(() => offer.textContent()).toContain('Revoke the link Dana Director joined with?');
    expect(await offer.textContent()).toContain('can still admit 2 people');
    await offer.getByRole('button', { name: 'Revoke the link' }).click();
    await owner.getByText('No invite can admit anyone right now.').waitFor();
    expect(await owner.getByTestId('member').count()).toBe(1);

    expect(await refusedJoin(link, 'Dana Director')).toContain('revoked');
  }, 120_000);

  it('on a phone, the owner revokes a personal invite from the list and its link stops working', async () => {
    const owner = await ownerOnTeamPage(PHONE);
    const link = await createInvite(owner, 'Crew', 1, 2);
    const row = owner.getByTestId('invite');
    await expect.poll(() => row.textContent()).toContain('Crew · personal invite');
    expect(await row.textContent()).toContain('admits one person');

    // Usable on a phone: nothing wider than the screen, every control at least 44 px high.
    const overflow = await owner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const control of [
      owner.getByRole('button', { name: 'Create invite' }),
      owner.getByLabel('People it admits'),
      row.getByRole('button', { name: /^Revoke/ }),
    ]) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await owner.screenshot({ path: path.join(OUT, 'team-invites-phone.png'), fullPage: true });
    expect(await accessibilityViolations(owner)).toEqual([]);

    await row.getByRole('button', { name: /^Revoke/ }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await owner.getByText('No invite can admit anyone right now.').waitFor();

    expect(await refusedJoin(link, 'Cam Crew')).toContain('revoked');
  }, 120_000);

  it('a typed number of people out of bounds is refused where it was typed', async () => {
    const owner = await ownerOnTeamPage(PHONE);
    const people = owner.getByLabel('People it admits');
    await people.fill('0');
    await owner.getByRole('button', { name: 'Create invite' }).click();
    await owner.getByText('People it admits must be a whole number from 1 to 1000.').waitFor();
    expect(await people.getAttribute('aria-invalid')).toBe('true');
    expect(await people.inputValue()).toBe('0');
    expect(await owner.locator('#invite-url').count()).toBe(0);
  }, 120_000);
});
