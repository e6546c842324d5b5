/**
 * "10,000 idle connections" (issue 17): a night on a busy server. 1,000 productions with five boards each
 * (the boards a production has open on set), 10,000 stock providers spread over them (two per board), each
 * with a user in awareness and the provider's default renewal (every 15 s, as on every tablet), then no edits
 * for a minute. What an idle set costs: server RSS before anyone came, once everyone is connected, and its
 * steady level during the idle minute; the server's CPU over that minute (awareness renewals and their relay,
 * pings, our token re-checks every 60 s).
 *
 * Stock clients throughout: y-websocket's WebsocketProvider for us and @y/websocket-server, HocuspocusProvider
 * for Hocuspocus, each with its own HocuspocusProviderWebsocket (Hocuspocus can multiplex documents over one
 * socket; one socket per connection keeps the three servers' socket counts equal). 10,000 providers cost the
 * clients real memory and CPU, so they are spread over worker threads of their own, and the benchmark
 * process's CPU over the idle minute is reported in cores.
 *
 * The documents stay empty (no server writes into a board nobody edited; ours migrates only documents that
 * have a version): the figure is what connections and presence cost. The many-documents scenario measures
 * documents with content.
 */
import { ClientWorker } from '../clients';
import { ensureFileLimit, readProc } from '../proc';
import type { Metrics, RunContext, Scenario } from '../scenario';
import { percentile } from '../stats';
import { settledRss } from './util';

/** The boards a production has open on set; our owner (a producer) may read all five (shared/boards.ts). */
export const SET_BOARDS = ['shotlist', 'schedule', 'moodboard', 'costreport', 'callsheet'] as const;

/** Threads hosting the providers: 2,500 each at full size, so no one event loop holds the whole set. */
const WORKERS = 4;
/** Sockets opening at once per worker; 100 in flight in all, well under the listen backlog (511). */
const CONNECT_CONCURRENCY = 25;
/** File descriptors kept spare beside the sockets (worker threads, SQLite, pipes). */
const FD_MARGIN = 1_024;

interface IdleSize {
  productions: number;
  connections: number;
  idleMs: number;
}

async function runIdle(ctx: RunContext, size: IdleSize): Promise<Metrics> {
  const { target } = ctx;
  const createStarted = performance.now();
  const productions = await target.productions(size.productions, 'idle', SET_BOARDS);
  const createSeconds = (performance.now() - createStarted) / 1000;
  const documents = productions.flat();
  // Connections go round-robin over the documents, so each board gets the same number (two at full size).
  const addresses = Array.from({ length: size.connections }, (_, i) => documents[i % documents.length]!);

  // Every connection is a socket in the server and one in this process (worker threads share its table).
  ensureFileLimit(target.pid, size.connections + FD_MARGIN, `the ${target.name} server`);
  ensureFileLimit(process.pid, size.connections + FD_MARGIN, 'the benchmark process');

  const baseline = await settledRss(target.pid, 2_000, 10_000);
  const workers = Array.from({ length: WORKERS }, (_, i) => new ClientWorker(`idle-${i}`));
  try {
    const per = Math.ceil(addresses.length / workers.length);
    const connectStarted = performance.now();
    await Promise.all(
      workers.map((w, i) =>
        w.call('stockOpen', {
          group: 'idle',
          addresses: addresses.slice(i * per, (i + 1) * per),
          presence: true,
          concurrency: CONNECT_CONCURRENCY,
          timeoutMs: 120_000,
        }),
      ),
    );
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const connected = await settledRss(target.pid, 3_000, 15_000);

    // The idle minute: nobody edits; providers renew their presence and answer pings.
    const before = readProc(target.pid);
    const clientsBefore = process.cpuUsage();
    const dropsBefore = await totalDrops(workers);
    const samples: number[] = [];
    while (performance.now() - before.at < size.idleMs) {
      await new Promise((r) => setTimeout(r, 1_000));
      samples.push(readProc(target.pid).rssBytes);
    }
    const after = readProc(target.pid);
    const clientCpu = process.cpuUsage(clientsBefore);
    const drops = (await totalDrops(workers)) - dropsBefore;
    const seconds = (after.at - before.at) / 1000;
    const idle = percentile(samples, 50);
    return {
      createSeconds: target.name === 'setboard' ? createSeconds : Number.NaN,
      connectSeconds,
      baselineMB: baseline / 2 ** 20,
      connectedMB: connected / 2 ** 20,
      idleMB: idle / 2 ** 20,
      idleMaxMB: Math.max(...samples) / 2 ** 20,
      perConnectionKB: (idle - baseline) / size.connections / 1024,
      idleCpuSeconds: after.cpuSeconds - before.cpuSeconds,
      clientCores: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
      drops,
    };
  } finally {
    await Promise.all(workers.map((w) => w.call('closeGroup', { group: 'idle' }).catch(() => null)));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Connections the providers lost after syncing (each reconnects by itself), over every close code. */
async function totalDrops(workers: ClientWorker[]): Promise<number> {
  const parts = await Promise.all(workers.map((w) => w.call('stockCloses', { group: 'idle' })));
  return parts.reduce((n, byCode) => n + Object.values(byCode).reduce((a, b) => a + b, 0), 0);
}

export const idle: Scenario = {
  id: 'idle',
  title: 'Idle: stock providers on five boards per production, no edits',
  metrics: [
    { key: 'createSeconds', label: 'productions created through the API, s', decimals: 1 },
    { key: 'connectSeconds', label: 'all connected and synced, s', decimals: 1 },
    { key: 'baselineMB', label: 'RSS before any connection MB', decimals: 1 },
    { key: 'connectedMB', label: 'RSS all connected MB', decimals: 1 },
    {
      key: 'idleMB',
      label: 'RSS during the idle minute (median) MB',
      decimals: 1,
      target: { max: 0.5, variant: '10000 connections' },
      absolute: { max: 300 },
    },
    { key: 'idleMaxMB', label: 'RSS during the idle minute (max) MB', decimals: 1 },
    { key: 'perConnectionKB', label: 'RSS per connection over baseline KB', decimals: 1 },
    { key: 'idleCpuSeconds', label: 'server CPU s over the idle minute', decimals: 2 },
    { key: 'clientCores', label: "clients' CPU, cores busy", decimals: 2 },
    { key: 'drops', label: 'connections dropped while idle', decimals: 0, absolute: { max: 0 } },
  ],
  variants(quick) {
    const size: IdleSize = quick
      ? { productions: 10, connections: 100, idleMs: 10_000 }
      : { productions: 1_000, connections: 10_000, idleMs: 60_000 };
    return [
      {
        label: `${size.connections} connections`,
        // --duration sets the idle phase (a profile of a long idle stretch, say).
        run: (ctx) => runIdle(ctx, { ...size, idleMs: ctx.durationMs ?? size.idleMs }),
      },
    ];
  },
};
