/**
 * What one hostile member can do to a server, measured from outside: the awareness flood and the document
 * growth of issue 10, against the Setboard server of any checkout (so the same script measures before and
 * after a change). Starts `server/main.ts` of `--root` with default limits on a fresh data dir, joins a crew
 * (read-only) and a director member through the HTTP API, and prints one JSON line per scenario:
 *
 *   node --import tsx test/bench/abuse.ts [--root <checkout>] [--scenario awareness|growth|all] [--seconds 8]
 *
 * Figures: bytes the attacker got the server to read and to keep (accepted), the server's resident memory
 * (peak and after), `/healthz` latency during the attack, and how long a stock provider (default options)
 * joining afterwards takes to sync, or the close code it got instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: path.resolve(import.meta.dirname, '../..') },
    scenario: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: '8' },
  },
});
const root = path.resolve(args.root);
const seconds = Number(args.seconds);

interface Server {
  child: ChildProcess;
  origin: string;
  wsOrigin: string;
}

async function startServer(): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'setboard-abuse-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SETBOARD_DATA_DIR: dataDir,
      SETBOARD_DEMO: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await new Promise<number>((resolve, reject) => {
    setTimeout(() => reject(new Error('server did not listen within 20 s')), 20_000).unref();
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const record = JSON.parse(line) as { msg?: string; port?: number };
      if (record.msg === 'Setboard is listening' && record.port) resolve(record.port);
    });
  });
  return { child, origin: `http://127.0.0.1:${port}`, wsOrigin: `ws://127.0.0.1:${port}` };
}

async function post<T>(origin: string, url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${origin}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function team(origin: string) {
  const created = await post<{ production: { id: string }; token: string }>(origin, '/api/productions', {
    name: 'Abuse',
    ownerName: 'Olive Owner',
  });
  const member = async (role: string) => {
    const invite = await post<{ code: string }>(
      origin,
      `/api/productions/${created.production.id}/invites`,
      { role },
      created.token,
    );
    return (await post<{ token: string }>(origin, '/api/join', { code: invite.code, name: `${role} person` }))
      .token;
  };
  return {
    productionId: created.production.id,
    crew: await member('crew'),
    director: await member('director'),
  };
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function metric(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').at(-1));
  return sum;
}

/**
 * Samples RSS, and /healthz latency from a separate process (this one is busy attacking), until stopped.
 */
function sampler(server: Server) {
  let peakRss = rssBytes(server.child.pid!);
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.child.pid!))), 50);
  const probe = spawn(
    process.execPath,
    [
      '-e',
      `let worst = 0;
      process.on('SIGTERM', () => { console.log(worst); process.exit(0); });
      (async () => { await fetch(process.argv[1] + '/healthz').then((r) => r.text()); for (;;) {
        const t = performance.now();
        await fetch(process.argv[1] + '/healthz').then((r) => r.text());
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      } })();`,
      server.origin,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  probe.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => probe.once('exit', resolve));
  return async () => {
    clearInterval(rssTimer);
    probe.kill('SIGTERM');
    await exited;
    return { peakRss, worstHealthMs: Number(output.trim()) };
  };
}

async function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => {});
  ws.on('message', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

/**
 * Sends up to `maxFrames` frames from `next` as fast as the socket takes them (up to 8 MiB queued) for `ms`;
 * returns the bytes handed to the network.
 */
async function push(ws: WebSocket, next: () => Uint8Array, ms: number, maxFrames: number): Promise<number> {
  let sent = 0;
  let frames = 0;
  const deadline = performance.now() + ms;
  while (performance.now() < deadline && ws.readyState === WebSocket.OPEN && frames < maxFrames) {
    while (ws.bufferedAmount < 8 * 1024 * 1024 && performance.now() < deadline && frames < maxFrames) {
      const frame = next();
      ws.send(frame);
      sent += frame.length;
      frames++;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // What it queued reaches the server within a few seconds, unless the server stopped reading.
  const drained = performance.now() + 5_000;
  while (ws.bufferedAmount > 0 && performance.now() < drained && ws.readyState === WebSocket.OPEN)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return sent - ws.bufferedAmount;
}

/** A stock provider with default options joins; resolves with its time to sync or the close that stopped it. */
async function join(server: Server, productionId: string, board: string, token: string) {
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new WebsocketProvider(`${server.wsOrigin}/sync/${productionId}`, board, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
  const synced = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 20_000);
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      resolve(true);
    });
  });
  const result = {
    syncMs: synced ? Math.round(performance.now() - started) : null,
    closes,
    documentBytes: Y.encodeStateAsUpdate(doc).length,
    awarenessStates: provider.awareness.getStates().size - 1,
    awarenessKiB: Math.round(JSON.stringify([...provider.awareness.getStates().values()]).length / 1024),
  };
  provider.destroy();
  return result;
}

function awarenessFlood(clients: number, stateBytes: number) {
  let nextClient = 1_000_000;
  const pad = 'x'.repeat(stateBytes);
  return () => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, clients);
    for (let i = 0; i < clients; i++) {
      encoding.writeVarUint(update, nextClient++);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, JSON.stringify({ cursor: i, pad }));
    }
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
    return encoding.toUint8Array(frame);
  };
}

function growth(chunkBytes: number) {
  const doc = new Y.Doc();
  let n = 0;
  const text = 'y'.repeat(chunkBytes);
  return () => {
    let update: Uint8Array | null = null;
    const take = (u: Uint8Array) => (update = u);
    doc.once('update', take);
    doc.getMap('cards').set(`c${n++}`, text);
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 0);
    encoding.writeVarUint(frame, 2);
    encoding.writeVarUint8Array(frame, update!);
    return encoding.toUint8Array(frame);
  };
}

/** Built before the clock starts: the attacker's own encoding must not pace the attack. */
function prepared(next: () => Uint8Array, count: number): () => Uint8Array {
  const frames = Array.from({ length: count }, next);
  return () => frames.shift()!;
}

async function scenario(name: 'awareness' | 'growth') {
  const server = await startServer();
  try {
    const { productionId, crew, director } = await team(server.origin);
    const board = name === 'awareness' ? 'schedule' : 'moodboard';
    const baseline = rssBytes(server.child.pid!);
    const attacker = await rawSocket(
      `${server.wsOrigin}/sync/${productionId}/${board}?token=${name === 'awareness' ? crew : director}`,
    );
    const next = name === 'awareness' ? prepared(awarenessFlood(384, 2_000), 25) : growth(256 * 1024);
    const stop = sampler(server);
    const started = performance.now();
    // Awareness: 25 frames of 384 new client ids with 2 KB states each (~19 MiB), under the old limits' 30
    // awareness changes a second, sent at once, the socket kept open. Growth: 256 KiB cards for `seconds`.
    const sent =
      name === 'awareness'
        ? await push(attacker.ws, next, 10_000, 25)
        : await push(attacker.ws, next, seconds * 1000, Infinity);
    const attackMs = performance.now() - started;
    const read = await metric(server.origin, 'setboard_sync_bytes_received_total');
    const attackerClose = await Promise.race([
      attacker.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 100)),
    ]);
    const joiner = await join(server, productionId, board, director);
    const { peakRss, worstHealthMs } = await stop();
    const after = rssBytes(server.child.pid!);
    attacker.ws.terminate();
    return {
      scenario: name,
      root,
      attackSeconds: +(attackMs / 1000).toFixed(1),
      bytesSentMiB: +(sent / 2 ** 20).toFixed(1),
      bytesReadByServerMiB: +(read / 2 ** 20).toFixed(1),
      attackerClosedWith: attackerClose,
      baselineRssMiB: Math.round(baseline / 2 ** 20),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      rssAfterMiB: Math.round(after / 2 ** 20),
      worstHealthzMs: Math.round(worstHealthMs),
      joiner: {
        ...joiner,
        documentMiB: +(joiner.documentBytes / 2 ** 20).toFixed(2),
      },
    };
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited; // and its data dir is removed
  }
}

const names = args.scenario === 'all' ? (['awareness', 'growth'] as const) : [args.scenario as 'awareness'];
for (const name of names) console.log(JSON.stringify(await scenario(name)));
process.exit(0);
