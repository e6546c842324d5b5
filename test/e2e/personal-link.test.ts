/**
 * The personal call sheet link in Chromium: the demo's AD publishes day 1 from the call sheet screen (tablet
 * 1024x768), an actor opens her link on a phone (390x844, no account), sees her own call on top and her
 * scenes marked, confirms, and the AD's screen says "Confirmed" without a reload; then the phone goes offline
 * (and the server stops) and the reopened link still shows the sheet. Logs the bytes the phone downloaded to
 * open the link cold. Screenshots in test-output/personal-link-*.png.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { join, openBoard, OUT, PHONE, useServerAndBrowser } from './harness';

const run = useServerAndBrowser();

describe('personal call sheet link in Chromium', () => {
  it('a phone opens its link, confirms (the AD sees it live), and shows the sheet offline afterwards', async () => {
    const ad = await join(run.browser, run.server.links.ad, 'Sam Okoro');
    await openBoard(ad, 'Call sheet');
    const panel = ad.page.getByRole('region', { name: 'Publish and confirmations' });
    await panel.getByRole('button', { name: 'Publish', exact: true }).click();
    await panel.getByText(/Published revision 1 \(White\)/).waitFor();
    const anna = panel.locator('.recipient', { hasText: 'Anna Petrakis' });
    const link = await anna.locator('.recipient-link a').getAttribute('href');
    expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    await anna.getByRole('button', { name: 'QR code for Anna Petrakis' }).click();
    await anna.getByRole('img', { name: /QR code of Anna Petrakis/ }).waitFor();

    const phone = await run.browser.newContext({ viewport: PHONE, serviceWorkers: 'allow', isMobile: true });
    const page = await phone.newPage();
    page.on('pageerror', (error) => console.warn(`[phone] page error: ${error.message}`));
    const cdp = await phone.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    const urls: string[] = [];
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
    cdp.on('Network.responseReceived', (e: { response: { url: string } }) => urls.push(e.response.url));

    await page.goto(link!);
    const call = page.getByRole('region', { name: 'Your call' });
    await call.getByText('Your call 05:45').waitFor();
    await page.getByText('Revision 1 · WHITE').waitFor();
    expect(await page.getByRole('list', { name: "Today's scenes" }).locator('li.yours').count()).toBe(4);
    await page
      .getByRole('region', { name: 'Key contacts' })
      .getByRole('link', { name: '+44 7700 900101' })
      .waitFor();
    await page.waitForLoadState('networkidle');
    console.info(
      `personal link, cold on a phone: ${(bytes / 1024).toFixed(1)} KiB over ${urls.length} requests`,
    );
    // The page is light: no board code, no sync client.
    expect(urls.filter((u) => /Board|board-session|y-websocket/i.test(u))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const control of await page.locator('.personal-actions .btn, .personal-phone').all()) {
      const box = await control.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }

    await call.getByRole('button', { name: 'Confirm' }).click();
    await call.getByText(/Confirmed: revision 1 \(White\)/).waitFor();
    await expect
      .poll(() => anna.getByTestId('recipient-status').textContent(), { timeout: 5_000 })
      .toMatch(/^Confirmed/);
    await page.screenshot({ path: path.join(OUT, 'personal-link-phone.png'), fullPage: true });
    await ad.page.screenshot({ path: path.join(OUT, 'personal-link-ad.png'), fullPage: true });

    // Offline once opened: the service worker kept the page and this sheet's JSON.
    const code = new URL(link!).pathname.split('/')[2]!;
    await expect
      .poll(
        () => page.evaluate((c) => caches.match(`/api/callsheet/${c}`).then((r) => r !== undefined), code),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await phone.setOffline(true);
    await run.server.stop();
    await page.reload();
    await page.getByText('Offline: this is the copy this phone kept.').waitFor();
    await page.getByRole('region', { name: 'Your call' }).getByText('Your call 05:45').waitFor();
    await page.getByRole('region', { name: 'Scenes' }).getByText('Scene 7').waitFor();
    await page.screenshot({ path: path.join(OUT, 'personal-link-offline.png'), fullPage: true });
  }, 180_000);
});
