/** Chromium: a script imported from the breakdown screen, previewed on the device, arrives on another tablet. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENES } from '../../shared/demo/production';
import { join, openBoard, OUT, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

// The demo production's scenes 1-12 as a Final Draft script, plus two new scenes and a new character.
const length = (eighths: number) =>
  [Math.floor(eighths / 8) || '', eighths % 8 ? `${eighths % 8}/8` : ''].filter(Boolean).join(' ');
const heading = (number: string, text: string, eighths?: number) =>
  `<Paragraph Number="${number}" Type="Scene Heading"><SceneProperties Length="${eighths ? length(eighths) : ''}"/><Text>${text}</Text></Paragraph>`;
const SCRIPT = [
  '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
  '<FinalDraft DocumentType="Script" Template="No" Version="5"><Content>',
  ...SCENES.map((s) =>
    heading(s.number, `${s.intExt}. ${s.set.replace(/&/g, '&amp;')} - ${s.time}`, s.eighths),
  ),
  heading('13', 'EXT. LIGHTHOUSE GALLERY - NIGHT'),
  '<Paragraph Type="Action"><Text>The lamp turns over a black sea.</Text></Paragraph>',
  '<Paragraph Type="Character"><Text>KEEPER (O.S.)</Text></Paragraph>',
  '<Paragraph Type="Dialogue"><Text>Who goes there?</Text></Paragraph>',
  heading('14', 'INT. LIGHTHOUSE STAIRS - CONTINUOUS'),
  '<Paragraph Type="Action"><Text>Mara climbs, </Text><Text Revision="1">counting the steps.</Text></Paragraph>',
  '</Content></FinalDraft>',
].join('\n');

const setsOf = (page: import('playwright-core').Page) =>
  page
    .locator('[data-testid="scene-row"] [aria-label="Set"]')
    .evaluateAll((cells) =>
      cells.map((c) => (c instanceof HTMLInputElement ? c.value : (c.textContent ?? '')).trim()),
    );

describe('script import in the browser', () => {
  it('imports a script from the breakdown screen and the scenes arrive on a second tablet', async () => {
    const director = await join(run.browser, run.server.links.director, 'Ines Director');
    const ad = await join(run.browser, run.server.links.ad, 'Sam AD', { width: 390, height: 844 });
    try {
      await openBoard(director, 'Breakdown');
      await openBoard(ad, 'Breakdown');
      await expect.poll(async () => (await setsOf(ad.page)).length).toBe(12);

      await director.page.getByRole('button', { name: 'Import script' }).click();
      const dialog = director.page.getByRole('dialog', { name: 'Import script' });
      const file = dialog.getByLabel('Script file (Final Draft .fdx or Fountain)');
      // a hostile file is refused where it was picked, nothing to apply
      await file.setInputFiles({
        name: 'bomb.fdx',
        mimeType: 'application/xml',
        buffer: Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "a">]><FinalDraft/>'),
      });
      await expect
        .poll(() => dialog.getByRole('alert').textContent())
        .toMatch(/bomb\.fdx cannot be imported: line 2/);
      expect(await file.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

      await file.setInputFiles({
        name: 'low-tide-blue.fdx',
        mimeType: 'application/xml',
        buffer: Buffer.from(SCRIPT),
      });
      const preview = dialog.getByRole('region', { name: 'Changes' });
      await expect.poll(() => preview.textContent()).toMatch(/2 added, 0 changed, 0 omitted, 12 unchanged/);
      expect(await preview.textContent()).toMatch(/13 EXT\. LIGHTHOUSE GALLERY - NIGHT · 1\/8 pp · KEEPER/);
      await director.page.screenshot({ path: path.join(OUT, 'script-import-preview.png') });
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => director.page.getByRole('status').filter({ hasText: 'Imported' }).textContent())
        .toMatch(/Imported low-tide-blue\.fdx: 2 added/);

      await expect
        .poll(async () => setsOf(ad.page), { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['LIGHTHOUSE GALLERY', 'LIGHTHOUSE STAIRS']));
      await ad.page.screenshot({ path: path.join(OUT, 'script-import-second-tablet.png') });
    } finally {
      await director.context.close();
      await ad.context.close();
    }
  }, 120_000);

  it('tags elements per scene with type-ahead; a rename shows everywhere and strips count them', async () => {
    const director = await join(run.browser, run.server.links.director, 'Ines Director');
    const ad = await join(run.browser, run.server.links.ad, 'Sam AD');
    try {
      await openBoard(director, 'Breakdown');
      const page = director.page;
      for (const [scene, typed] of [
        ['1', 'Red pickup truck'],
        ['3', 'red  PICKUP truck'],
      ] as const) {
        await page.getByRole('button', { name: `Elements of scene ${scene}`, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `Scene ${scene} elements` });
        await dialog.getByLabel('Category').selectOption('vehicles');
        if (scene === '3') {
          // the type-ahead offers the element scene 1 created
          expect(
            await dialog.locator('datalist option').evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
          ).toEqual(['Red pickup truck']);
        }
        await dialog.getByLabel('Element', { exact: true }).fill(typed);
        await dialog.getByRole('button', { name: 'Add element' }).click();
        await expect
          .poll(() => dialog.getByRole('region', { name: 'Tagged elements' }).textContent())
          .toMatch(/Red pickup truck/);
        await dialog.getByRole('button', { name: 'Done' }).click();
      }
      // a name with ";" is refused where it was typed, and the text is kept
      await page.getByRole('button', { name: 'Elements of scene 2', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Scene 2 elements' });
      await dialog.getByLabel('Element', { exact: true }).fill('Rope; net');
      await dialog.getByRole('button', { name: 'Add element' }).click();
      await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/cannot contain ";"/);
      expect(await dialog.getByLabel('Element', { exact: true }).inputValue()).toBe('Rope; net');
      expect(await dialog.getByLabel('Element', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await dialog.getByRole('button', { name: 'Done' }).click();

      await page.getByRole('tab', { name: /^Elements/ }).click();
      const row = page.locator('[data-testid="element-row"]');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toMatch(/Vehicles.*1, 3/);
      await row.getByLabel('Name of Red pickup truck').fill('Blue pickup truck');
      await row.getByLabel('Name of Red pickup truck').press('Enter');

      await openBoard(ad, 'Schedule');
      const strip = (n: string) => ad.page.locator(`[data-testid="strip"][data-scene="${n}"] .s-elements`);
      await expect.poll(() => strip('1').textContent(), { timeout: 10_000 }).toBe('1 element');
      expect(await strip('3').getAttribute('title')).toBe('Vehicles 1');
      // day out of days for the vehicles: the truck works the days scenes 1 and 3 are scheduled
      await ad.page.getByRole('button', { name: 'Day out of days' }).click();
      await ad.page.getByLabel('Rows').selectOption('vehicles');
      const doodRow = ad.page.locator('[data-testid="dood"] tbody tr');
      await expect.poll(() => doodRow.count()).toBe(1);
      expect(await doodRow.first().locator('th').textContent()).toBe('Blue pickup truck');
      expect(await doodRow.first().textContent()).toMatch(/SW/);
      await openBoard(ad, 'Breakdown');
      await ad.page.getByRole('button', { name: 'Elements of scene 3', exact: true }).click();
      await expect
        .poll(() => ad.page.getByRole('dialog', { name: 'Scene 3 elements' }).textContent())
        .toMatch(/Blue pickup truck/);
      await ad.page.screenshot({ path: path.join(OUT, 'scene-elements.png') });
    } finally {
      await director.context.close();
      await ad.context.close();
    }
  }, 120_000);
});
