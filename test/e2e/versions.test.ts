/**
 * Chromium: the Versions panel on a board. The AD saves the schedule as a version (a missing name is refused
 * where it was typed), a second device moves a strip, the AD compares the version with the board as it is
 * now and reads "Scene N moved from Day 1 to Day 2", restores it after confirming (the other device receives
 * the restore live) and approves it; the director, who only reads the schedule, sees the list on a phone.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { moveItem, readSchedule } from '../../shared/model/schedule';
import { readBreakdown } from '../../shared/model/breakdown';
import { readCostReport, updateBudgetLine } from '../../shared/model/costreport';
import { accountBudgets } from '../../shared/calc/locked-budget';
import { formatMoney } from '../../shared/calc/money';
import { join, openBoard, OUT, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

/** A stock y-websocket device, as another tablet would connect. */
async function device(productionId: string, board: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${run.server.origin.replace('http', 'ws')}/sync/${productionId}`,
    board,
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider };
}

/** Every visible button in the dialog is at least 44 px both ways, and nothing overflows the viewport. */
async function expectUsable(page: Page) {
  const dialog = page.getByRole('dialog');
  const sizes = await dialog
    .locator('button:visible, select:visible, input:visible')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          [
            e.textContent?.trim() ?? e.tagName,
            e.getBoundingClientRect().height,
            e.getBoundingClientRect().width,
          ] as const,
      ),
    );
  for (const [name, height, width] of sizes) {
    expect(height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(width, `${name} width`).toBeGreaterThanOrEqual(44);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('versions panel in the browser', () => {
  it('saves, compares as sentences, restores after confirming and approves; a reader sees the list on a phone', async () => {
    const ad = await join(run.browser, run.server.links.ad, 'Sam AD');
    const director = await join(run.browser, run.server.links.director, 'Ines Director', {
      width: 390,
      height: 844,
    });
    const other = await device(ad.productionId, 'schedule', ad.token);
    const breakdown = await device(ad.productionId, 'breakdown', ad.token);
    try {
      await openBoard(ad, 'Schedule');
      await ad.page.getByRole('button', { name: 'Versions' }).click();
      const panel = ad.page.getByRole('dialog', { name: 'Versions of the schedule' });
      await expect.poll(() => panel.textContent()).toMatch(/No versions of this board yet/);

      // A missing name is refused where it was typed, and the note stays.
      const name = panel.getByLabel('Version name');
      await panel.getByLabel('Note (optional)').fill('As sent to the crew on Friday');
      await panel.getByRole('button', { name: 'Save version' }).click();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await panel.getByRole('alert').textContent()).toMatch(/Give the version a name/);
      expect(await panel.getByLabel('Note (optional)').inputValue()).toBe('As sent to the crew on Friday');
      await name.fill('Schedule v1');
      await panel.getByRole('button', { name: 'Save version' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toBe('Saved “Schedule v1”.');
      expect(await name.getAttribute('aria-invalid')).toBe('false');
      const list = panel.getByRole('list', { name: 'Saved versions' });
      expect(await list.textContent()).toMatch(/Schedule v1.*Sam AD.*As sent to the crew on Friday/);

      // Another device moves a strip from Day 1 to Day 2.
      const schedule = readSchedule(other.doc);
      const [day1, day2] = schedule.days.filter((d) => d.kind === 'shoot');
      const strip = schedule.strips.find((s) => s.dayId === day1!.id)!;
      const scene = readBreakdown(breakdown.doc).scenes.find((s) => s.id === strip.sceneId)!;
      moveItem(other.doc, strip.id, day2!.id, null);

      await panel.getByLabel('Compare from').selectOption({ label: 'Schedule v1' });
      await panel.getByLabel('Compare with').selectOption({ label: 'The board now' });
      const changes = panel.getByRole('list', { name: 'Changes' });
      await expect
        .poll(async () => {
          await panel.getByRole('button', { name: 'Show changes' }).click();
          return changes.textContent({ timeout: 2_000 }).catch(() => '');
        })
        .toContain(`Scene ${scene.number} moved from Day 1 to Day 2`);
      await expectUsable(ad.page);
      await ad.page.screenshot({ path: path.join(OUT, 'versions-compare-tablet.png') });

      // Restore asks first; the other device receives the restore live.
      await list.getByRole('button', { name: 'Restore Schedule v1' }).click();
      await panel.getByRole('button', { name: 'Restore “Schedule v1”' }).click();
      await expect
        .poll(() => panel.getByRole('status').textContent())
        .toMatch(/Restored “Schedule v1”: 1 change sent to everyone/);
      await expect
        .poll(() => readSchedule(other.doc).strips.find((s) => s.id === strip.id)?.dayId)
        .toBe(day1!.id);

      await list.getByRole('button', { name: 'Approve Schedule v1' }).click();
      await expect.poll(() => list.textContent()).toMatch(/Approved by Sam AD/);
      expect(await list.getByRole('button', { name: 'Approve Schedule v1' }).count()).toBe(0);

      // The director reads the schedule: the list and the comparison, no save, restore or approve.
      await openBoard(director, 'Schedule');
      await director.page.getByRole('button', { name: 'Versions' }).click();
      const phone = director.page.getByRole('dialog', { name: 'Versions of the schedule' });
      await expect
        .poll(() => phone.getByRole('list', { name: 'Saved versions' }).textContent())
        .toMatch(/Schedule v1.*Approved by Sam AD/);
      expect(await phone.getByRole('button', { name: 'Save version' }).count()).toBe(0);
      expect(await phone.getByRole('button', { name: /Restore|Approve/ }).count()).toBe(0);
      await phone.getByRole('button', { name: 'Show changes' }).click();
      await expect
        .poll(() => phone.textContent())
        .toMatch(/From “Schedule v1” to “The board now”: no changes\./);
      await expectUsable(director.page);
      await director.page.screenshot({ path: path.join(OUT, 'versions-phone.png') });
    } finally {
      other.provider.destroy();
      breakdown.provider.destroy();
      await ad.context.close();
      await director.context.close();
    }
  }, 180_000);

  it('a producer locks the budget: the Budget column reads the lock and a later line change shows as pending', async () => {
    const producer = await join(run.browser, run.server.links.producer, 'Pat Producer', {
      width: 390,
      height: 844,
    });
    const other = await device(producer.productionId, 'costreport', producer.token);
    try {
      await openBoard(producer, 'Cost report');
      const banner = producer.page.getByTestId('budget-lock');
      await expect.poll(() => banner.textContent()).toMatch(/Budget not locked/);
      const table = producer.page.getByTestId('cost-report');
      expect(await table.locator('th', { hasText: 'Budget (not locked)' }).count()).toBe(1);

      await producer.page.getByRole('button', { name: 'Versions' }).click();
      const panel = producer.page.getByRole('dialog', { name: 'Versions of the cost report' });
      await panel.getByLabel('Version name').fill('Locked budget');
      await panel.getByRole('button', { name: 'Save version' }).click();
      await panel.getByRole('button', { name: 'Approve Locked budget' }).click();
      await expect
        .poll(() => panel.getByRole('list', { name: 'Saved versions' }).textContent())
        .toMatch(/Approved by Pat Producer/);
      await panel.getByRole('button', { name: 'Close' }).click();
      await expect
        .poll(() => banner.textContent())
        .toMatch(/the locked budget “Locked budget”, approved by Pat Producer/);
      expect(await table.locator('th', { hasText: 'Budget (locked)' }).count()).toBe(1);

      // Another device raises a budget line by $1,000.00 (one unit, no fringe): the lock stays, the change is pending.
      const data = readCostReport(other.doc);
      const line = data.lines.find((l) => l.amount === 1 && l.multiplier === 1 && l.fringeBp === 0)!;
      const account = data.accounts.find((a) => a.id === line.accountId)!;
      const lockedBudget = accountBudgets(data).get(account.id)!;
      updateBudgetLine(other.doc, line.id, { rate: line.rate + 100_000 });
      const row = table.locator('tr', { hasText: `${account.code} ${account.name}` }).first();
      const usd = (minor: number) => formatMoney(minor, data.settings.currency || 'USD');
      await expect.poll(() => row.textContent()).toContain(`${usd(lockedBudget)}${usd(0)}${usd(100_000)}`);
      await producer.page.screenshot({
        path: path.join(OUT, 'versions-locked-budget-phone.png'),
        fullPage: true,
      });
    } finally {
      other.provider.destroy();
      await producer.context.close();
    }
  }, 180_000);
});
