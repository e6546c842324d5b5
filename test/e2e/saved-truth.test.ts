/**
 * Nothing that was not saved may look saved (issue 11), in Chromium against the real server, at tablet
 * (1024x768) and phone (390x844) sizes: a refused value is shown where it was typed and the header stops
 * saying "saved"; cast is picked by name; a board never downloaded says so offline instead of looking empty.
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join, openBoard, type Member } from './harness';
import { onShotList, OUT, PHONE, serverAndBrowser } from './two-tablets';

const env = serverAndBrowser();

const badge = (m: Member) => m.page.locator('[data-testid="sync-status"]');
const saved = (m: Member) => m.page.locator('[data-testid="sync-status"][data-status="saved"]');
const row = (m: Member, code: string) => m.page.locator(`[data-testid="shot-row"][data-shot-code="${code}"]`);

/** The refusal the field points at with aria-describedby, which must be on screen, not a tooltip. */
async function messageOf(field: Locator): Promise<Locator> {
  const id = await field.getAttribute('aria-describedby');
  expect(id).toBeTruthy();
  return field.page().locator(`[id="${id}"]`);
}

async function firstShotCode(m: Member): Promise<string> {
  const code = await m.page.locator('[data-testid="shot-row"]').first().getAttribute('data-shot-code');
  expect(code).toBeTruthy();
  return code!;
}

describe('a refused value is shown where it was typed', () => {
  it('fps "abc" on a tablet: message in words, aria-invalid, the header not saying saved, the other tablet keeps the old value; Escape restores', async () => {
    await onShotList(env, async (director, ad) => {
      const code = await firstShotCode(director);
      const fps = row(director, code).locator('input[aria-label="Frame rate"]');
      const before = await fps.inputValue();
      await fps.fill('abc');
      await fps.press('Enter');

      await expect.poll(() => fps.getAttribute('aria-invalid')).toBe('true');
      expect(await fps.inputValue()).toBe('abc');
      const message = await messageOf(fps);
      await message.waitFor({ state: 'visible' });
      expect(await message.textContent()).toMatch(/Frame rate: type a number/);
      // On top: a tap there lands on the message, not on the row below it.
      await message.click({ trial: true, timeout: 2_000 });
      await expect.poll(() => badge(director).getAttribute('data-status')).toBe('rejected');
      expect(await badge(director).textContent()).toBe('1 field not saved');
      expect(await badge(director).textContent()).not.toMatch(/All edits saved/);
      await director.page.screenshot({ path: path.join(OUT, 'saved-truth-refused-fps-1024.png') });

      // The other tablet still has the saved value.
      expect(await row(ad, code).locator('input[aria-label="Frame rate"]').inputValue()).toBe(before);

      // The header leads to the field; Escape puts the saved value back and the board is saved again.
      await badge(director).getByRole('button').click();
      expect(await fps.evaluate((el) => el === document.activeElement)).toBe(true);
      await fps.press('Escape');
      expect(await fps.inputValue()).toBe(before);
      expect(await fps.getAttribute('aria-invalid')).toBeNull();
      await saved(director).waitFor({ timeout: 10_000 });
    });
  }, 120_000);

  it('ETC "about 2k" on a phone: the message is on screen beside the field and the header counts it', async () => {
    const producer = await join(env.browser, env.server.links.producer, 'Pat Producer', PHONE);
    try {
      await openBoard(producer, 'Cost report');
      const etc = producer.page.getByRole('textbox', { name: /^Estimate to complete/ }).first();
      const before = await etc.inputValue();
      await etc.fill('about 2k');
      await etc.press('Enter');
      await expect.poll(() => etc.getAttribute('aria-invalid')).toBe('true');
      expect(await etc.inputValue()).toBe('about 2k');
      const message = await messageOf(etc);
      await message.scrollIntoViewIfNeeded();
      await message.waitFor({ state: 'visible' });
      expect((await message.textContent())!.length).toBeGreaterThan(5);
      const [field, said] = [await etc.boundingBox(), await message.boundingBox()];
      // Next to the field: starts where the field starts and just below it.
      expect(Math.abs(said!.x - field!.x)).toBeLessThan(4);
      expect(said!.y - (field!.y + field!.height)).toBeLessThan(8);
      expect(said!.x + said!.width).toBeLessThanOrEqual(PHONE.width + 1);
      await message.click({ trial: true, timeout: 2_000 });
      expect(await badge(producer).textContent()).toBe('1 field not saved');
      await producer.page.screenshot({ path: path.join(OUT, 'saved-truth-refused-etc-390.png') });
      await etc.press('Escape');
      expect(await etc.inputValue()).toBe(before);
      await saved(producer).waitFor({ timeout: 10_000 });
    } finally {
      await producer.context.close();
    }
  }, 120_000);
});

describe('cast is entered by name', () => {
  it('typed "Mara, Jonah" and picked "Ines" from the list: the other tablet shows the billing numbers', async () => {
    await onShotList(env, async (director, ad) => {
      const code = await firstShotCode(director);
      const cast = row(director, code).getByRole('combobox', { name: 'Cast' });
      await cast.fill('Mara, Jonah');
      await cast.press('Enter');
      const theirs = row(ad, code).getByRole('combobox', { name: 'Cast' });
      await expect.poll(() => theirs.inputValue(), { timeout: 5_000 }).toBe('1, 2');

      await cast.click();
      const listbox = director.page.getByRole('listbox', { name: /Cast/ });
      const option = listbox.getByRole('option', { name: /^3\s*Ines/ });
      const size = await option.boundingBox();
      expect(size!.height).toBeGreaterThanOrEqual(44);
      await director.page.screenshot({ path: path.join(OUT, 'saved-truth-cast-picker-1024.png') });
      await option.click();
      await expect.poll(() => theirs.inputValue(), { timeout: 5_000 }).toBe('1, 2, 3');
      expect(await option.getAttribute('aria-selected')).toBe('true');

      // A name that is nobody's is refused where it was typed.
      await cast.fill('Mara, Zed');
      await cast.press('Enter');
      await expect.poll(() => cast.getAttribute('aria-invalid')).toBe('true');
      expect(await (await messageOf(cast)).textContent()).toMatch(/No one called “Zed”/);
      expect(await badge(director).textContent()).toBe('1 field not saved');
      expect(await theirs.inputValue()).toBe('1, 2, 3');
    });
  }, 120_000);
});

describe('a board never opened on this device', () => {
  for (const [size, viewport] of [
    ['1024', { width: 1024, height: 768 }],
    ['390', PHONE],
  ] as const) {
    it(`offline says "not downloaded yet" instead of an empty board (${size} px)`, async () => {
      const director = await join(env.browser, env.server.links.director, `Dana ${size}`, viewport);
      try {
        await openBoard(director, 'Breakdown');
        await director.context.setOffline(true);
        await director.page
          .locator('[data-testid="sync-status"][data-status="offline"]')
          .waitFor({ timeout: 10_000 });
        const nav = director.page.getByRole('navigation', { name: 'Boards' });
        await nav.getByRole('link', { name: 'Mood board' }).click();
        const notice = director.page.getByTestId('not-downloaded');
        await notice.waitFor({ timeout: 15_000 });
        expect(await notice.textContent()).toMatch(/not downloaded yet: connect once to get it/);
        expect(await director.page.getByText('No mood boards yet').count()).toBe(0);
        await director.page.screenshot({ path: path.join(OUT, `saved-truth-not-downloaded-${size}.png`) });

        await director.context.setOffline(false);
        await notice.waitFor({ state: 'detached', timeout: 20_000 });
        await saved(director).waitFor({ timeout: 20_000 });
      } finally {
        await director.context.close();
      }
    }, 120_000);
  }
});
