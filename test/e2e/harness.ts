/**
 * End-to-end harness: the client built once, the real server (`server/main.ts`) as a child process on a free
 * port with a fresh data directory, and Debian's Chromium driven by playwright-core.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/boards';

const root = path.resolve(import.meta.dirname, '../..');

/** Where the e2e run writes screenshots and documents for a person to look at. */
export const OUT = path.join(root, 'test-output');
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Builds the client once for all e2e files of a run. Each file calls this, and vitest runs two files at once:
 * a second `vite build` empties dist/ under the first file's server, whose tablets then fail to fetch a
 * lazily loaded chunk. A lock directory serialises the builds and a stamp of the sources skips a build that
 * would produce the same output.
 */
export async function buildClient(): Promise<void> {
  const lock = path.join(root, 'dist', '.build-lock');
  const stampFile = path.join(root, 'dist', 'client', '.source-stamp');
  await mkdir(path.join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a run that was killed mid-build does not block later runs for long.
      const held = await stat(lock).catch(() => null);
      if (held && Date.now() - held.mtimeMs > 300_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const stamp = await sourceStamp();
    if ((await readFile(stampFile, 'utf8').catch(() => '')) === stamp) return;
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: root,
      // vitest sets NODE_ENV=test, which would make Vite build React's development bundle and no service worker.
      env: { ...process.env, NODE_ENV: 'production' },
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    await writeFile(stampFile, stamp);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Size and latest change of every file the client build reads (its sources, shared/, config, lock file). */
async function sourceStamp(): Promise<string> {
  let files = 0;
  let bytes = 0;
  let latest = 0;
  const visit = async (entry: string): Promise<void> => {
    const info = await stat(entry);
    if (info.isDirectory()) {
      for (const name of await readdir(entry)) await visit(path.join(entry, name));
      return;
    }
    files++;
    bytes += info.size;
    latest = Math.max(latest, info.mtimeMs);
  };
  for (const entry of ['client', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'])
    await visit(path.join(root, entry));
  return `${files}:${bytes}:${latest}`;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningServer {
  origin: string;
  links: Record<Role, string>;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'setboard-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      SETBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const links: Partial<Record<Role, string>> = {};
  const byLabel = new Map(ROLES.map((r) => [ROLE_LABELS[r], r]));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server printed no join links in 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        const m = /^\s*(.+?)\s+(https?:\/\/\S+\/join\/\S+)\s*$/.exec(line);
        const role = m && byLabel.get(m[1]!.trim());
        if (role) links[role] = m[2]!;
      }
      if (ROLES.every((r) => links[r])) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://127.0.0.1:${port}`, links: links as Record<Role, string>, stop };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Member {
  context: BrowserContext;
  page: Page;
  productionId: string;
  token: string;
}

/** Opens an invite link in a fresh context (its own storage, like a separate tablet) and joins. */
export async function join(
  browser: Browser,
  link: string,
  name: string,
  viewport = { width: 1024, height: 768 },
): Promise<Member> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'allow' });
  const page = await context.newPage();
  // Page errors and warnings go to the test log: a blank board in CI is then explained.
  page.on('pageerror', (error) => console.warn(`[${name}] page error: ${error.message}`));
  page.on('console', (msg) => {
    if (
      msg.type() === 'warning' ||
      (msg.type() === 'error' && !/WebSocket|Failed to load resource/.test(msg.text()))
    ) {
      console.warn(`[${name}] console ${msg.type()}: ${msg.text()}`);
    }
  });
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(/\/p\/[^/]+$/);
  const productionId = new URL(page.url()).pathname.split('/')[2]!;
  const token = await page.evaluate((id) => {
    const sessions = JSON.parse(localStorage.getItem('setboard.sessions.v1') ?? '{}') as Record<
      string,
      { token: string }
    >;
    return sessions[id]?.token ?? '';
  }, productionId);
  return { context, page, productionId, token };
}

export async function openBoard(member: Member, board: string): Promise<void> {
  await member.page.getByRole('navigation', { name: 'Boards' }).getByRole('link', { name: board }).click();
  await member.page.locator('[data-testid="sync-status"][data-status="saved"]').waitFor({ timeout: 15_000 });
  // The board's code is its own chunk; wait until it replaced the loading line.
  await member.page.locator('.board-frame > .loading').waitFor({ state: 'detached', timeout: 15_000 });
}

/**
 * One server and one Chromium for a test file: built, started and launched before its tests and stopped after
 * them. Closing the browser closes every context the file opened, so a file needs no teardown of its own.
 */
export function useServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    await buildClient();
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value)
      throw new Error(`The ${what} is not started yet: use it inside a test, not at the file's top level.`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
