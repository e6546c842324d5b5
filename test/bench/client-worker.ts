/**
 * A worker thread that hosts benchmark clients, so no client ever shares a thread (let alone a process) with
 * a server. The main thread drives it with request/response messages (see clients.ts for the typed side).
 */
import { parentPort } from 'node:worker_threads';
import { FullClient, type FullClientAddress } from './full-client';
import { LightClient } from './light-client';
import type { FoundMarker } from './shots';
import { applyEdit, type EditKind } from './day-edits';
import { Tablet, type Arrival, type SentEdit, type TabletSpec } from './tablet';
import type { Board } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo';
import type { SetStatusValue } from '../../shared/set-channel';
import * as Y from 'yjs';
import { hocuspocusDialect, yWebsocketDialect } from './wire';

export interface LightAddress extends FullClientAddress {
  /** The socket URL a light client opens (room and token included where the dialect needs them). */
  url: string;
}

// Every stock y-websocket provider adds a process 'exit' listener; thousands in one worker are intended.
process.setMaxListeners(0);

const groups = new Map<string, LightClient[]>();
/** Groups of stock providers used as receivers (awareness on, as on a tablet). */
const stockGroups = new Map<string, FullClient[]>();
const fulls = new Map<string, FullClient>();
/** Shooting-day tablets (tablet.ts), by id. */
const tablets = new Map<string, Tablet>();
let sentEdits: SentEdit[] = [];
let refusedEdits: string[] = [];
let latencies: number[] = [];
let deliveries = 0;
let doubled = 0;
let minSeq = 0;

/** A receiver, light or stock: the markers it has seen, and its own writer id (-1 if it never writes). */
interface Receiver {
  readonly seen: Set<number>;
  readonly writer: number;
}

function onMarkers(client: Receiver, markers: FoundMarker[], arrivedAt: number): void {
  for (const m of markers) {
    const key = m.writer * 100_000_000 + m.seq;
    if (m.writer === client.writer) {
      // A server may echo a writer's own edit back; that is not a delivery, and not a double either.
      client.seen.add(key);
      continue;
    }
    // Late deliveries of an earlier phase (lower sequence numbers) belong to no measurement.
    if (m.seq < minSeq) continue;
    if (client.seen.has(key)) {
      doubled++;
      continue;
    }
    client.seen.add(key);
    deliveries++;
    latencies.push(arrivedAt - m.sentAt);
  }
}

function dialectFor(a: LightAddress) {
  return a.dialect === 'hocuspocus' ? hocuspocusDialect(a.room, a.token) : yWebsocketDialect();
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

function group(name: string): LightClient[] {
  const g = groups.get(name);
  if (!g) throw new Error(`no light client group "${name}" in this worker`);
  return g;
}

function full(id: string): FullClient {
  const f = fulls.get(id);
  if (!f) throw new Error(`no full client "${id}" in this worker`);
  return f;
}

/** Calls `tick(k)` at `ratePerSecond` for `durationMs`, catching up when a timer fires late. */
function paced(ratePerSecond: number, durationMs: number, tick: (k: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    let done = 0;
    const timer = setInterval(() => {
      const elapsed = Math.min(performance.now() - started, durationMs);
      const due = Math.floor((elapsed / 1000) * ratePerSecond);
      while (done < due) tick(done++);
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve(done);
      }
    }, 5);
  });
}

const ops = {
  async lightOpen(a: {
    group: string;
    addresses: LightAddress[];
    writerIds?: number[];
    scanState: boolean;
    concurrency: number;
    timeoutMs: number;
  }) {
    const clients = a.addresses.map(
      (address) =>
        new LightClient({
          url: address.url,
          dialect: dialectFor(address),
          scanState: a.scanState,
          onMarkers,
        }),
    );
    a.writerIds?.forEach((id, i) => clients[i]?.becomeWriter(id));
    groups.set(a.group, [...(groups.get(a.group) ?? []), ...clients]);
    await inBatches(clients, a.concurrency, (c) => c.connect(a.timeoutMs));
    return { syncMs: clients.map((c) => c.syncMs), bytes: clients.map((c) => c.bytesUntilSynced) };
  },
  /** Stock providers that only receive; each announces a user in awareness when `presence` is set. */
  async stockOpen(a: {
    group: string;
    addresses: FullClientAddress[];
    presence: boolean;
    concurrency: number;
    timeoutMs: number;
  }) {
    const clients = a.addresses.map(
      (address, i) =>
        new FullClient(address, { onMarkers, ...(a.presence ? { presence: `Tablet ${i + 1}` } : {}) }),
    );
    stockGroups.set(a.group, [...(stockGroups.get(a.group) ?? []), ...clients]);
    const syncMs: number[] = [];
    await inBatches(clients, a.concurrency, async (c) => {
      syncMs.push(await c.connect(a.timeoutMs));
    });
    return { syncMs };
  },
  reset(a?: { minSeq?: number }) {
    minSeq = a?.minSeq ?? 0;
    latencies = [];
    deliveries = 0;
    doubled = 0;
    for (const g of [...groups.values(), ...stockGroups.values()]) for (const c of g) c.seen.clear();
    return null;
  },
  counts() {
    return { deliveries, doubled };
  },
  /** Connections the stock receivers of a group lost after syncing, by close code. */
  stockCloses(a: { group: string }) {
    const codes: Record<string, number> = {};
    for (const c of stockGroups.get(a.group) ?? [])
      for (const code of c.closes) codes[code] = (codes[code] ?? 0) + 1;
    return codes;
  },
  collect() {
    const out = Float64Array.from(latencies);
    return { latencies: out, deliveries, doubled };
  },
  /** Each writer in the group edits its own shot `ratePerWriter` times a second. */
  async writeLoop(a: { group: string; ratePerWriter: number; durationMs: number; seqStart: number }) {
    const writers = group(a.group).filter((c) => c.writer >= 0);
    const edits = await paced(a.ratePerWriter, a.durationMs, (k) => {
      for (const w of writers) w.edit(a.seqStart + k);
    });
    return { edits: edits * writers.length };
  },
  /** `totalRate` edits a second spread round-robin over the group's writers. */
  async writeSpread(a: { group: string; totalRate: number; durationMs: number; seqStart: number }) {
    const writers = group(a.group).filter((c) => c.writer >= 0);
    const edits = await paced(a.totalRate, a.durationMs, (k) =>
      writers[k % writers.length]!.edit(a.seqStart + k),
    );
    return { edits };
  },
  sendRaw(a: { group: string; index: number; updates: Uint8Array[] }) {
    const client = group(a.group)[a.index];
    if (!client) throw new Error(`group ${a.group} has no client ${a.index}`);
    for (const u of a.updates) client.sendRaw(u);
    return null;
  },
  sendAll(a: { group: string; updates: Uint8Array[] }) {
    for (const client of group(a.group)) for (const u of a.updates) client.sendRaw(u);
    return null;
  },
  drop(a: { group: string }) {
    for (const c of group(a.group)) c.drop();
    return null;
  },
  /** Every client makes an offline edit, then rejoins at a random moment within `spreadMs` and sends it. */
  async reconnect(a: { group: string; spreadMs: number; seq: number; timeoutMs: number }) {
    const clients = group(a.group);
    await Promise.all(
      clients.map(async (c) => {
        c.offlineShot(a.seq);
        await new Promise((r) => setTimeout(r, Math.random() * a.spreadMs));
        await c.connect(a.timeoutMs);
        c.sendLocalState();
      }),
    );
    return null;
  },
  /** Resolves with the time (performance.timeOrigin-based) when every client has seen `count` markers. */
  async waitSeen(a: { group: string; count: number; timeoutMs: number }) {
    const clients = group(a.group);
    const deadline = performance.now() + a.timeoutMs;
    for (;;) {
      const behind = clients.filter((c) => c.seen.size < a.count).length;
      if (behind === 0) return { at: performance.timeOrigin + performance.now(), behind };
      if (performance.now() > deadline) return { at: Number.NaN, behind };
      await new Promise((r) => setTimeout(r, 2));
    }
  },
  async closeGroup(a: { group: string }) {
    const clients = groups.get(a.group) ?? [];
    groups.delete(a.group);
    await Promise.all(clients.map((c) => c.close()));
    for (const c of clients) c.destroy();
    for (const c of stockGroups.get(a.group) ?? []) c.destroy();
    stockGroups.delete(a.group);
    return null;
  },
  async fullOpen(a: { id: string; address: FullClientAddress; timeoutMs: number; presence?: string }) {
    const client = new FullClient(a.address, a.presence ? { presence: a.presence } : {});
    fulls.set(a.id, client);
    const syncMs = await client.connect(a.timeoutMs);
    return { syncMs, shotsAtFirstSync: client.shotsAtFirstSync };
  },
  /** Sequence numbers start at `seqStart`, so late deliveries of an earlier phase never look like doubles. */
  async fullWriteLoop(a: {
    id: string;
    writerId: number;
    rate: number;
    durationMs: number;
    seqStart: number;
  }) {
    const client = full(a.id);
    const edits = await paced(a.rate, a.durationMs, (k) => client.edit(a.writerId, a.seqStart + k));
    return { edits };
  },
  fullAddShots(a: { id: string; prefix: string; count: number }) {
    full(a.id).addShots(a.prefix, a.count);
    return null;
  },
  async fullWaitShots(a: { id: string; count: number; timeoutMs: number }) {
    const client = full(a.id);
    const deadline = performance.now() + a.timeoutMs;
    while (client.summary().shots < a.count) {
      if (performance.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
    return true;
  },
  fullSummary(a: { id: string; prefix?: string }) {
    return full(a.id).summary(a.prefix);
  },
  fullDestroy(a: { id: string }) {
    fulls.get(a.id)?.destroy();
    fulls.delete(a.id);
    return null;
  },
};

function tablet(id: string): Tablet {
  const t = tablets.get(id);
  if (!t) throw new Error(`no tablet "${id}" in this worker`);
  return t;
}

/** Shooting-day tablets: open, seed, edit, and report what each saw. */
const tabletOps = {
  async tabletOpen(a: { specs: TabletSpec[]; concurrency: number; timeoutMs: number }) {
    const opened = a.specs.map((spec) => new Tablet(spec));
    for (const t of opened) tablets.set(t.spec.id, t);
    await inBatches(opened, a.concurrency, (t) => t.open(a.timeoutMs));
    return opened.map((t) => ({ id: t.spec.id, client: t.doc.clientID }));
  },
  /** Writes the demo production's board into this tablet's document (a scratch copy applied as one update). */
  tabletSeed(a: { id: string; today: string }) {
    const t = tablet(a.id);
    const scratch = new Y.Doc();
    try {
      seedDemoBoard(t.spec.board, scratch, { today: a.today });
      Y.applyUpdate(t.doc, Y.encodeStateAsUpdate(scratch));
    } finally {
      scratch.destroy();
    }
    return null;
  },
  /** One edit through the model; a ModelError (or any throw) is a refusal, kept with its message. */
  tabletEdit(a: { id: string; kind: EditKind; n: number; today: string }) {
    const t = tablet(a.id);
    try {
      const sent = t.edit(a.kind, (doc) =>
        applyEdit(a.kind, doc, { n: a.n, member: t.spec.member, today: a.today }),
      );
      if (sent) sentEdits.push(sent);
      return { made: sent !== null };
    } catch (error) {
      refusedEdits.push(`${a.kind}: ${error instanceof Error ? error.message : String(error)}`);
      return { made: false };
    }
  },
  tabletSetStatus(a: { id: string; value: SetStatusValue }) {
    return tablet(a.id).setStatus(a.value);
  },
  tabletStates() {
    return [...tablets.values()].map((t) => ({ id: t.spec.id, board: t.spec.board, sv: t.stateVector() }));
  },
  tabletReset() {
    sentEdits = [];
    refusedEdits = [];
    for (const t of tablets.values()) t.reset();
    return null;
  },
  tabletCollect() {
    return {
      sent: sentEdits,
      refused: refusedEdits,
      tablets: [...tablets.values()].map((t) => ({
        id: t.spec.id,
        board: t.spec.board as Board,
        client: t.doc.clientID,
        arrivals: t.arrivals as Arrival[],
        doubled: t.doubled,
        statuses: t.statuses,
        drops: t.drops,
      })),
    };
  },
  tabletCloseAll() {
    for (const t of tablets.values()) t.destroy();
    tablets.clear();
    return null;
  },
};

const allOps = { ...ops, ...tabletOps };

export type WorkerOps = typeof allOps;

parentPort!.on('message', async (msg: { id: number; op: keyof WorkerOps; args: unknown }) => {
  try {
    const fn = allOps[msg.op] as (args: unknown) => unknown;
    const result = await fn(msg.args);
    const transfer =
      result && typeof result === 'object' && 'latencies' in result
        ? [(result as { latencies: Float64Array }).latencies.buffer]
        : [];
    parentPort!.postMessage({ id: msg.id, result }, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
