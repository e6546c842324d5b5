/**
 * The three servers under test, each started as a child process on a loopback port, and the addresses a
 * client uses to reach document number i on each. All three run as plain JavaScript built with esbuild
 * (ours as `npm start` runs it, scripts/build-server.ts; the references' small wrappers likewise), so no
 * server carries tsx's loader thread and source maps in its memory and CPU figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildServer, NODE_BUNDLE } from '../../scripts/build-server';
import type { LightAddress } from './client-worker';

export const TARGETS = ['y-websocket-server', 'setboard', 'hocuspocus'] as const;
export type TargetName = (typeof TARGETS)[number];

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TargetOptions {
  /** Directory for --cpu-prof output; no profiling when absent. */
  cpuProfileDir?: string;
  /** A checkout whose server/main.ts is our server (to compare two versions); this repository by default. */
  serverRoot?: string;
}

export interface RunningTarget {
  name: TargetName;
  readonly pid: number;
  port: number;
  /** Addresses of `count` documents (for us, each in its own production, created through the HTTP API). */
  documents(count: number, prefix: string): Promise<LightAddress[]>;
  /**
   * `count` productions with the given boards each: result[i][j] is board j of production i. For us each
   * production is created through the HTTP API and every address carries its owner's token (a producer, who
   * may read every board but the shot list writes nothing there); for the references, one room per board.
   */
  productions(count: number, prefix: string, boards: readonly string[]): Promise<LightAddress[][]>;
  /** Stops gracefully (our server flushes its store) and starts again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function spawnServer(
  script: string,
  env: NodeJS.ProcessEnv,
  options: TargetOptions,
  cwd = ROOT,
): ChildProcess {
  const args: string[] = [];
  if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child = spawn(process.execPath, [...args, script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Servers log warnings and errors only (LOG_LEVEL=warn); both streams are drained so a full pipe never stalls them.
  const relay = (chunk: Buffer) => process.stderr.write(`[${path.basename(script)}] ${chunk}`);
  child.stdout!.on('data', relay);
  child.stderr!.on('data', relay);
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(what: string, child: ChildProcess, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} while starting`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}

async function startReference(
  name: TargetName,
  script: string,
  options: TargetOptions,
): Promise<RunningTarget> {
  const port = await freePort();
  let child = spawnServer(script, { PORT: String(port) }, options);
  const ready = async () => {
    const c = child;
    await waitFor(name, c, async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 20_000);
  };
  await ready();
  const dialect = name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';
  const serverUrl = `ws://127.0.0.1:${port}`;
  const address = (room: string): LightAddress => ({
    dialect,
    serverUrl,
    room,
    token: '',
    url: dialect === 'hocuspocus' ? serverUrl : `${serverUrl}/${room}`,
  });
  return {
    name,
    get pid() {
      return child.pid!;
    },
    port,
    async documents(count, prefix) {
      return Array.from({ length: count }, (_, i) => address(`${prefix}-${i}`));
    },
    async productions(count, prefix, boards) {
      return Array.from({ length: count }, (_, i) =>
        boards.map((board) => address(`${prefix}-${i}-${board}`)),
      );
    },
    async restart() {
      await stopChild(child);
      child = spawnServer(script, { PORT: String(port) }, options);
      await ready();
    },
    stop: () => stopChild(child),
  };
}

/** Concurrent HTTP requests when creating many productions (the server has two cores; more only queue). */
const PRODUCTION_LANES = 16;

interface CreatedProduction {
  production: { id: string };
  token: string;
}

export async function post<T>(port: number, route: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

function createProduction(port: number, name: string): Promise<CreatedProduction> {
  return post<CreatedProduction>(port, '/api/productions', null, { name, ownerName: 'Bench Producer' });
}

function boardAddress(port: number, productionId: string, room: string, token: string): LightAddress {
  const serverUrl = `ws://127.0.0.1:${port}/sync/${productionId}`;
  return {
    dialect: 'y-websocket',
    serverUrl,
    room,
    token,
    url: `${serverUrl}/${room}?token=${encodeURIComponent(token)}`,
  };
}

/** Runs `make(i)` for i in [0, count) in `lanes` parallel lanes; results in index order. */
async function inLanes<T>(count: number, lanes: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}

async function startSetboard(options: TargetOptions): Promise<RunningTarget> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'setboard-bench-'));
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    SETBOARD_DATA_DIR: dataDir,
    SETBOARD_DEMO: 'false',
    LOG_LEVEL: 'warn',
    // The references have no rate limit; ours would close the ceiling scenario's writer at 100 updates/s.
    SETBOARD_MAX_UPDATES_PER_SECOND: '100000',
    // Idle documents unload sooner, so "RSS after everyone left" is measured within the run.
    SETBOARD_UNLOAD_DELAY_MS: '1000',
    // Dormancy stays at its default (10 s): the many-documents scenario waits past it before reading memory,
    // so its edits land on documents in the state an idle set settles into, as on set.
  };
  const script = await builtServer(options.serverRoot ?? ROOT);
  const cwd = options.serverRoot ?? ROOT;
  let child = spawnServer(script, env, options, cwd);
  const ready = () =>
    waitFor('setboard', child, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
  await ready();
  return {
    name: 'setboard',
    get pid() {
      return child.pid!;
    },
    port,
    async documents(count, prefix) {
      // 8 lanes: each production also takes an invite and a join (the owner, a producer, only reads the
      // shot list; a director writes it).
      return inLanes(count, 8, async (i) => {
        const created = await createProduction(port, `${prefix} ${i}`);
        const invite = await post<{ code: string }>(
          port,
          `/api/productions/${created.production.id}/invites`,
          created.token,
          { role: 'director' },
        );
        const { token } = await post<{ token: string }>(port, '/api/join', null, {
          code: invite.code,
          name: 'Bench Director',
        });
        return boardAddress(port, created.production.id, 'shotlist', token);
      });
    },
    async productions(count, prefix, boards) {
      // Creating a production is a few SQLite writes; parallel lanes keep 1,000 of them to seconds.
      return inLanes(count, PRODUCTION_LANES, async (i) => {
        const created = await createProduction(port, `${prefix} ${i}`);
        return boards.map((room) => boardAddress(port, created.production.id, room, created.token));
      });
    },
    async restart() {
      await stopChild(child);
      child = spawnServer(script, env, options, cwd);
      await ready();
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Built once per benchmark run and checkout: the server's main.js (in its dist/server). */
const builds = new Map<string, Promise<string>>();

function builtServer(root: string): Promise<string> {
  let built = builds.get(root);
  if (!built) {
    built = buildServer(root).then(() => path.join(root, 'dist/server/main.js'));
    builds.set(root, built);
  }
  return built;
}

let referencesBuilt: Promise<string> | null = null;

/** The references' wrappers, built into bench-results/servers (inside the checkout, so packages resolve). */
async function builtReference(file: string): Promise<string> {
  const outdir = path.join(ROOT, 'bench-results/servers');
  referencesBuilt ??= build({
    entryPoints: ['y-websocket-server.ts', 'hocuspocus-server.ts'].map((f) =>
      path.join(ROOT, 'test/bench/servers', f),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    ...NODE_BUNDLE,
  }).then(() => outdir);
  return path.join(await referencesBuilt, file);
}

export async function startTarget(name: TargetName, options: TargetOptions = {}): Promise<RunningTarget> {
  switch (name) {
    case 'setboard':
      return startSetboard(options);
    case 'y-websocket-server':
      return startReference(name, await builtReference('y-websocket-server.mjs'), options);
    case 'hocuspocus':
      return startReference(name, await builtReference('hocuspocus-server.mjs'), options);
  }
}
