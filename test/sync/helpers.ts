/**
 * A sync service on a real HTTP server (127.0.0.1, port 0) over the real SQLite store and directory in a temp
 * dir, a production with one member per role, and clients: the stock y-websocket provider and a raw `ws`
 * socket for crafted frames. Everything registers its own teardown with onTestFinished.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { directoryAccess, type AccessResolver } from '../../server/auth/access';
import type { SyncLimits } from '../../server/config';
import { InProcessControlBus } from '../../server/control/control-bus';
import type { Principal } from '../../server/directory/directory';
import { SqliteDirectory } from '../../server/directory/sqlite-directory';
import type { Fanout } from '../../server/fanout/fanout';
import { createLogger } from '../../server/logger';
import { createMetrics, type Metrics } from '../../server/metrics';
import { SqliteDocumentStore } from '../../server/storage/sqlite-document-store';
import { StorageError, type DocumentStore } from '../../server/storage/document-store';
import { createSyncService, type SyncService, type SyncServiceOptions } from '../../server/sync/sync-service';
import { documentName, type Board, type Role } from '../../shared/boards';

export const TEST_LIMITS: SyncLimits = {
  maxFrameBytes: 1024 * 1024,
  maxUpdatesPerSecond: 1_000,
  maxAwarenessPerSecond: 100,
  maxBytesPerSecond: 16 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  authTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  pingIntervalMs: 30_000,
  sendBufferLimitBytes: 16 * 1024 * 1024,
  compactDebounceMs: 50,
  unloadDelayMs: 50,
  retryBufferBytes: 64 * 1024 * 1024,
  // Short, so every sync test also crosses documents falling dormant and waking (dormant-state.ts).
  dormantAfterMs: 30,
};

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-sync-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Team {
  productionId: string;
  tokens: Record<Role, string>;
  principals: Record<Role, Principal>;
}

export interface Backend {
  dataDir: string;
  store: DocumentStore;
  directory: SqliteDirectory;
  controlBus: InProcessControlBus;
  team: Team;
}

/** Store, directory and a production with one member per role, in a fresh data dir. */
export async function openBackend(dataDir = tempDir()): Promise<Backend> {
  const store = new SqliteDocumentStore({ dataDir });
  const directory = new SqliteDirectory({ dataDir });
  const controlBus = new InProcessControlBus();
  onTestFinished(async () => {
    await controlBus.close();
    await store.close();
    await directory.close();
  });
  const created = await directory.createProduction({ name: 'Night Shoot', ownerName: 'Pat Producer' });
  const productionId = created.production.id;
  const tokens = { producer: created.token } as Record<Role, string>;
  for (const role of ['director', 'ad', 'department', 'crew'] as const) {
    const invite = await directory.createInvite(productionId, role);
    const joined = await directory.redeemInvite(invite.code, `${role} person`);
    tokens[role] = joined!.token;
  }
  const principals = {} as Record<Role, Principal>;
  for (const [role, token] of Object.entries(tokens))
    principals[role as Role] = (await directory.authenticate(token))!;
  return { dataDir, store, directory, controlBus, team: { productionId, tokens, principals } };
}

export interface SyncServer {
  sync: SyncService;
  metrics: Metrics;
  port: number;
  /** ws://127.0.0.1:<port>/sync/<productionId> (the provider appends the board). */
  url: string;
  backend: Backend;
  docName(board: Board): string;
}

export async function startSync(
  options: {
    limits?: Partial<SyncLimits>;
    backend?: Backend;
    fanout?: Fanout;
    /** Instead of the backend's directory as it is (e.g. one that answers slowly). */
    access?: AccessResolver;
    reauthIntervalMs?: number;
    /** The composition root's vetting hook and what it reads (room.ts). */
    vet?: Pick<SyncServiceOptions, 'vetClientUpdate' | 'vettedRoots'>;
  } = {},
): Promise<SyncServer> {
  const backend = options.backend ?? (await openBackend());
  const metrics = createMetrics();
  const sync = createSyncService({
    store: backend.store,
    access: options.access ?? directoryAccess(backend.directory),
    controlBus: backend.controlBus,
    limits: { ...TEST_LIMITS, ...options.limits },
    ...(options.reauthIntervalMs ? { reauthIntervalMs: options.reauthIntervalMs } : {}),
    logger: createLogger('silent'),
    metrics,
    ...(options.fanout ? { fanout: options.fanout } : {}),
    ...options.vet,
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    await sync.shutdown();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = (server.address() as { port: number }).port;
  return {
    sync,
    metrics,
    port,
    url: `ws://127.0.0.1:${port}/sync/${backend.team.productionId}`,
    backend,
    docName: (board) => documentName(backend.team.productionId, board),
  };
}

/** The stock provider, as a tablet uses it. */
export function connect(server: SyncServer, board: Board, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(server.url, board, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  onTestFinished(() => provider.destroy());
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  return { doc, provider, closes };
}

export async function synced(provider: WebsocketProvider): Promise<void> {
  await expectPoll(() => provider.synced, 'provider to sync');
}

/** Polls until `check` is truthy; fails with `what` after the timeout. */
export async function expectPoll(check: () => unknown, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare WebSocket for crafted frames; resolves once open. */
export async function rawClient(server: SyncServer, board: Board, token: string): Promise<RawClient> {
  const ws = new WebSocket(`${server.url}/${board}?token=${token}`);
  onTestFinished(() => ws.terminate());
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}

/** The status of an upgrade refused over plain HTTP. */
export async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error(`upgrade to ${url} was accepted`));
    });
    ws.on('error', () => {});
  });
}

/** The stored document, rebuilt like a load does. */
export async function storedDoc(store: DocumentStore, docName: string): Promise<Y.Doc> {
  const stored = await store.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Wraps a store so a test can hold appends (and loads) until it says so, or make them fail. */
export function gatedStore(inner: DocumentStore) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  const control = {
    loads: 0,
    appendsStarted: 0,
    failLoads: false,
    failAppends: false,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
  };
  const store: DocumentStore = {
    ...inner,
    load: async (docName) => {
      control.loads++;
      if (gate) await gate;
      if (control.failLoads) throw new StorageError('disk unplugged', docName);
      return inner.load(docName);
    },
    append: async (entries) => {
      control.appendsStarted++;
      if (control.failAppends) throw new StorageError('disk full');
      if (gate) await gate;
      return inner.append(entries);
    },
    compact: (...args) => inner.compact(...args),
    delete: (docName) => inner.delete(docName),
    ready: () => inner.ready(),
    close: () => inner.close(),
  };
  return { store, control };
}
