/**
 * For e2e files about two people on one board: the server and Chromium for the file (started before its
 * tests, stopped after), and a director and an AD with the shot list open on two tablets.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  buildClient,
  join,
  launchBrowser,
  openBoard,
  startServer,
  type Member,
  type RunningServer,
} from './harness';

export const OUT = path.resolve(import.meta.dirname, '../../test-output');
export const TABLET = { width: 1024, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface E2E {
  server: RunningServer;
  browser: Browser;
}

/** Registers the file's hooks; the fields are set once `beforeAll` ran. */
export function serverAndBrowser(): E2E {
  const env = {} as E2E;
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    await buildClient();
    env.server = await startServer();
    env.browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Ines (director) and Sam (AD) on tablets with the shot list open; their contexts close after `run`. */
export async function onShotList(env: E2E, run: (ines: Member, sam: Member) => Promise<void>): Promise<void> {
  const ines = await join(env.browser, env.server.links.director, 'Ines Director', TABLET);
  const sam = await join(env.browser, env.server.links.ad, 'Sam AD', TABLET);
  try {
    await openBoard(ines, 'Shot list');
    await openBoard(sam, 'Shot list');
    await run(ines, sam);
  } finally {
    await ines.context.close();
    await sam.context.close();
  }
}
