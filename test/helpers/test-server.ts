/**
 * Test harness: the whole Setboard server on 127.0.0.1 port 0 with a fresh data directory, in this process
 * (startTestServer) or as a child process that a test may SIGKILL (spawnServer). Teardown is registered by the
 * caller with `onTestFinished` / `afterEach`, next to where the server is created.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createSetboardServer, type SetboardServer } from '../../server/app';
import type { Board } from '../../shared/boards';
import type { CreateProductionResponse, JoinResponse } from '../../shared/api-types';
import type { Role } from '../../shared/boards';

export function tempDataDir(prefix = 'setboard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestServer {
  server: SetboardServer;
  config: Config;
  port: number;
  origin: string;
  wsOrigin: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SETBOARD_DATA_DIR: dataDir,
    SETBOARD_DEMO: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await createSetboardServer(config, createLogger(config.logLevel));
  const port = await server.listen();
  return {
    server,
    config,
    port,
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    dataDir,
    close: () => server.close(),
  };
}

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  origin: string;
  wsOrigin: string;
  /** stdout lines so far (the demo's join links are printed there). */
  lines: string[];
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts `server/main.ts` in a child process (or `built`, a server built by scripts/build-server.ts, as
 * `npm start` runs it) and resolves once it listens.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  built?: string,
): Promise<SpawnedServer> {
  const args = built ? [built] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SETBOARD_DATA_DIR: dataDir,
      SETBOARD_DEMO: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that never said it listens must not outlive the test that started it.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 20 s; stderr:\n${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; stderr:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (!line.startsWith('{')) return;
      const record = JSON.parse(line) as { msg?: string; port?: number };
      if (record.msg === 'Setboard is listening' && record.port) {
        clearTimeout(timer);
        resolve(record.port);
      }
    });
  });
  return {
    child,
    port,
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    lines,
    exited,
  };
}

export async function stopSpawned(server: SpawnedServer, signal: NodeJS.Signals = 'SIGTERM') {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill(signal);
  return server.exited;
}

/** A production with its owner (a producer) and helpers to add members of other roles. */
export interface TestProduction {
  productionId: string;
  ownerToken: string;
  member(role: Role, name?: string): Promise<JoinResponse>;
}

export async function api<T>(origin: string, method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(`${origin}${url}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function createProduction(origin: string, name = 'Test Film'): Promise<TestProduction> {
  const created = await api<CreateProductionResponse>(origin, 'POST', '/api/productions', undefined, {
    name,
    ownerName: 'Olive Owner',
  });
  if (created.status !== 201)
    throw new Error(`create production: ${created.status} ${JSON.stringify(created.body)}`);
  const { production, token } = created.body;
  return {
    productionId: production.id,
    ownerToken: token,
    async member(role, memberName = `${role} person`) {
      const invite = await api<{ code: string }>(
        origin,
        'POST',
        `/api/productions/${production.id}/invites`,
        token,
        {
          role,
        },
      );
      if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${JSON.stringify(invite.body)}`);
      const joined = await api<JoinResponse>(origin, 'POST', '/api/join', undefined, {
        code: invite.body.code,
        name: memberName,
      });
      if (joined.status !== 201) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
      return joined.body;
    },
  };
}

/** The stock y-websocket provider, as a tablet would use it. */
export function connectBoard(
  wsOrigin: string,
  productionId: string,
  board: Board,
  token: string,
  doc = new Y.Doc(),
): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(`${wsOrigin}/sync/${productionId}`, board, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync in time')), timeoutMs);
    provider.once('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
