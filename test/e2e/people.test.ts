/**
 * The Crew & cast page in Chromium at phone (390x844) and tablet (1024x768) sizes: the owner opens it from
 * the production home, a refused e-mail shows next to the field, the corrected person is listed; every
 * control is at least 44 px tall and the page never scrolls sideways. Screenshots in test-output/.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT, useServerAndBrowser } from './harness';

const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
};

const run = useServerAndBrowser();

describe('Crew & cast page in Chromium', () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    it(`adds a person at ${size} size, a refused e-mail shown where it was typed; 44 px targets`, async () => {
      const context = await run.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(run.server.origin);
      await page.getByLabel('Production name').fill('Harbour Lights');
      await page.getByLabel('Your name').fill('Olive Owner');
      await page.getByRole('button', { name: 'Start the production' }).click();
      await page.waitForURL(/\/p\/[^/]+$/);
      await page.getByRole('link', { name: /Crew & cast/ }).click();
      await page.waitForURL(/\/people$/);
      await page.getByText('Nobody is on the list yet.').waitFor();

      const add = page.getByRole('region', { name: 'Add a person' });
      await add.getByLabel('Name', { exact: true }).fill('Gil Hart');
      await add.getByLabel('Department', { exact: true }).fill('Electric');
      await add.getByLabel('Title', { exact: true }).fill('Gaffer');
      await add.getByLabel('E-mail', { exact: true }).fill('gil-at-example');
      await add.getByRole('button', { name: 'Add person' }).click();
      const email = add.getByLabel('E-mail', { exact: true });
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => add.getByRole('alert').first().textContent()).toContain('E-mail must be');
      expect(await email.inputValue()).toBe('gil-at-example');
      await page.screenshot({ path: path.join(OUT, `people-refused-${size}.png`), fullPage: true });

      await email.fill('gil@example.com');
      await add.getByRole('button', { name: 'Add person' }).click();
      const person = page.getByTestId('person');
      await expect.poll(() => person.count()).toBe(1);
      expect(await person.textContent()).toContain('Electric · Gaffer');

      const small = await page.evaluate(() =>
        [...document.querySelectorAll('main button, main input, main a, main .check-field')]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          // the Key contact checkbox itself included: it is what a gloved finger aims at
          .filter(({ box }) => box.width > 0)
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ el, box }) => `${el.tagName} "${el.textContent ?? ''}" ${Math.round(box.height)}px`),
      );
      expect(small).toEqual([]);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(OUT, `people-${size}.png`), fullPage: true });
    }, 60_000);
  }
});
