/**
 * In Chromium, on the demo production: the built client works under the server's Content-Security-Policy (no
 * violation, no console error on any board), and the member's token appears in no URL the page requests other
 * than the sync socket's (server/http/API.md U1-U5).
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BOARD_LABELS, BOARDS, canRead, DEFAULT_PERMISSIONS, ROLES, type Role } from '../../shared/boards';
import { openBoard, type Member, useServerAndBrowser } from './harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const run = useServerAndBrowser();

/** A member whose page reports every CSP violation, console error, page error and requested URL. */
interface Watched extends Member {
  problems: string[];
  urls: string[];
}

async function joinWatched(
  role: Role,
  name: string,
  viewport = { width: 1024, height: 768 },
): Promise<Watched> {
  const context: BrowserContext = await run.browser.newContext({
    viewport,
    serviceWorkers: 'allow',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  const urls: string[] = [];
  await context.exposeBinding('reportViolation', (_source, text: string) => problems.push(`CSP: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation(text: string): void }).reportViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on('request', (request) => urls.push(request.url()));
  const page: Page = await context.newPage();
  page.on('websocket', (ws) => urls.push(ws.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(run.server.links[role]);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(/\/p\/[^/]+$/);
  const productionId = new URL(page.url()).pathname.split('/')[2]!;
  const token = await page.evaluate(
    (id) =>
      (JSON.parse(localStorage.getItem('setboard.sessions.v1') ?? '{}') as Record<string, { token: string }>)[
        id
      ]?.token ?? '',
    productionId,
  );
  expect(token.length).toBeGreaterThan(10);
  return { context, page, productionId, token, problems, urls };
}

/** URLs that carry the member's token; only the sync socket may (browsers cannot set WebSocket headers). */
function leaks(member: Watched): string[] {
  return member.urls.filter((url) => {
    const { pathname, search } = new URL(url);
    return search.includes(member.token) && !pathname.startsWith('/sync/');
  });
}

describe('the app under its Content-Security-Policy', () => {
  // Every role, so every board and every role's view of it runs under the policy; two at phone size.
  const sizes: Record<Role, { width: number; height: number }> = {
    producer: { width: 1024, height: 768 },
    director: { width: 1024, height: 768 },
    ad: { width: 390, height: 844 },
    department: { width: 1024, height: 768 },
    crew: { width: 390, height: 844 },
  };
  for (const role of ROLES) {
    const { width, height } = sizes[role];
    it(`opens every board the ${role} may read at ${width}x${height} with no CSP violation or console error`, async () => {
      const member = await joinWatched(role, `Policy ${role}`, sizes[role]);
      try {
        const csp = (await member.page.request.get(run.server.origin)).headers()['content-security-policy'];
        expect(csp).toContain("script-src 'self'");
        for (const board of BOARDS.filter((b) => canRead(DEFAULT_PERMISSIONS[role][b]))) {
          await openBoard(member, BOARD_LABELS[board]);
          // Every board's own chunk ran and drew something (charts on the cost report, rows elsewhere).
          await expect.poll(() => member.page.locator('.board-frame').textContent()).not.toBe('');
        }
        await member.page.getByRole('link', { name: 'Team' }).click();
        await member.page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
        expect(member.problems).toEqual([]);
        expect(leaks(member)).toEqual([]);
      } finally {
        await member.context.close();
      }
    }, 120_000);
  }
});

describe('tokens in the browser', () => {
  it('a mood-board image loads through a signed link: its src and every request carry no token', async () => {
    const director = await joinWatched('director', 'Ines Signed');
    try {
      await openBoard(director, 'Mood board');
      await director.page
        .locator('input[type="file"]')
        .first()
        .setInputFiles({ name: 'harbour-dusk.png', mimeType: 'image/png', buffer: PNG });
      const image = director.page.locator('[data-testid="mood-card"] img[alt="harbour-dusk.png"]');
      await image.waitFor({ timeout: 10_000 });
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      const src = (await image.getAttribute('src')) ?? '';
      expect(src).not.toContain(director.token);
      expect(src).not.toContain('token=');
      expect(src).toMatch(
        /^\/api\/productions\/[^/]+\/images\/[0-9a-f]{64}\?expires=\d+&member=[^&]+&signature=/,
      );

      // After a reload the same image comes back (a link from the store or a fresh one), still without the token.
      await director.page.reload();
      await director.page
        .locator('[data-testid="sync-status"][data-status="saved"]')
        .waitFor({ timeout: 15_000 });
      const again = director.page.locator('[data-testid="mood-card"] img[alt="harbour-dusk.png"]');
      await expect.poll(() => again.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

      expect(director.urls.some((url) => url.includes('/images/'))).toBe(true);
      expect(director.urls.some((url) => new URL(url).pathname.startsWith('/sync/'))).toBe(true);
      expect(leaks(director)).toEqual([]);
      expect(director.problems).toEqual([]);
    } finally {
      await director.context.close();
    }
  }, 90_000);

  it('the CSV download works and no request URL carries the token', async () => {
    const director = await joinWatched('director', 'Ines Downloads', { width: 390, height: 844 });
    try {
      await openBoard(director, 'Shot list');
      const link = director.page.getByRole('link', { name: 'CSV' });
      expect(await link.getAttribute('href')).not.toContain('token');
      const [download] = await Promise.all([director.page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('shotlist.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^id,scene,code,/);
      expect(csv.split('\r\n').length).toBeGreaterThan(3);
      expect(director.urls.some((url) => url.includes('/export.csv'))).toBe(true);
      expect(leaks(director)).toEqual([]);
      expect(director.problems).toEqual([]);
    } finally {
      await director.context.close();
    }
  }, 90_000);
});
