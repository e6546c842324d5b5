/**
 * Issue 11's scenario in Chromium against the real server: tablet A, offline, sets a shot's lens to 85mm;
 * tablet B, later and online, sets 90mm; A reconnects. Yjs keeps one of the two (by client id, so either can
 * win); the person whose value went must be told which field, the value that won and who wrote it, and one
 * tap puts theirs back on both tablets.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Member } from './harness';
import { onShotList, OUT, serverAndBrowser } from './two-tablets';

const env = serverAndBrowser();

const lensOf = (m: Member, code: string) =>
  m.page.locator(`[data-testid="shot-row"][data-shot-code="${code}"]`).locator('input[aria-label="Lens"]');
const status = (m: Member, value: string) =>
  m.page.locator(`[data-testid="sync-status"][data-status="${value}"]`);

async function setLens(m: Member, code: string, value: string): Promise<void> {
  const lens = lensOf(m, code);
  await lens.fill(value);
  await lens.press('Enter');
}

describe('an offline edit that crossed a newer one', () => {
  it('85mm offline against 90mm online: the person whose lens went sees it, with who won, and puts theirs back on both tablets', async () => {
    await onShotList(env, async (ines, sam) => {
      const code = (await ines.page
        .locator('[data-testid="shot-row"]')
        .nth(2)
        .getAttribute('data-shot-code'))!;
      expect(code).toBeTruthy();
      // Sam's tablet knows Ines (awareness) before she leaves, as on a set.
      await expect.poll(() => lensOf(sam, code).inputValue()).toBe(await lensOf(ines, code).inputValue());

      await ines.context.setOffline(true);
      await status(ines, 'offline').waitFor({ timeout: 10_000 });
      await setLens(ines, code, '85mm');
      await setLens(sam, code, '90mm');
      await status(sam, 'saved').waitFor({ timeout: 10_000 });
      expect(await lensOf(ines, code).inputValue()).toBe('85mm');

      await ines.context.setOffline(false);
      await status(ines, 'saved').waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => [await lensOf(ines, code).inputValue(), await lensOf(sam, code).inputValue()], {
          timeout: 10_000,
        })
        .toSatisfy(([a, b]) => a === b);
      const won = await lensOf(ines, code).inputValue();
      expect(['85mm', '90mm']).toContain(won);
      // Whoever lost is told; the other side may be told whose value it replaced.
      const [loser, winner, mine, theirs] =
        won === '90mm' ? [ines, sam, '85mm', '90mm'] : [sam, ines, '90mm', '85mm'];
      const winnerName = winner === sam ? 'Sam AD' : 'Ines Director';
      console.log(
        `[measure] ${won} won (Yjs client order); ${winnerName === 'Sam AD' ? 'Ines' : 'Sam'} is told`,
      );

      const notice = loser.page.locator('[data-testid="conflicts"] [data-kind="replaced"]');
      await notice.waitFor({ timeout: 10_000 });
      const sentence = (await notice.textContent())!;
      expect(sentence).toContain(`Lens on shot ${code}: your ${mine}`);
      expect(sentence).toContain(`was replaced by ${theirs} (${winnerName})`);
      await loser.page.screenshot({ path: path.join(OUT, 'offline-conflict-notice-1024.png') });
      const other = winner.page.locator('[data-testid="conflicts"] [data-kind="overrode"]');
      if ((await other.count()) > 0) expect(await other.textContent()).toContain(`replaced ${mine}`);

      await notice.getByRole('button', { name: 'Put mine back' }).click();
      await notice.waitFor({ state: 'detached', timeout: 5_000 });
      await expect.poll(() => lensOf(loser, code).inputValue(), { timeout: 5_000 }).toBe(mine);
      await expect.poll(() => lensOf(winner, code).inputValue(), { timeout: 5_000 }).toBe(mine);
      await status(loser, 'saved').waitFor({ timeout: 10_000 });
      // Putting it back was made having seen the other value: no new notice for anyone.
      expect(await loser.page.locator('[data-testid="conflicts"] [data-kind="replaced"]').count()).toBe(0);
      expect(await winner.page.locator('[data-testid="conflicts"] [data-kind="replaced"]').count()).toBe(0);
    });
  }, 150_000);
});
