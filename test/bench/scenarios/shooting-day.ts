/**
 * "Shooting day" (issue 17): one production on set. 60 tablets, each a stock y-websocket provider on one of
 * the five boards a production has open (user in awareness, default renewal) and a set-channel socket
 * (socket.io-client, default options), run the edit mix of a real day at ten times real speed for a minute:
 * shot status taps on the shot list, strip moves and day-log entries on the schedule, cost entries on the cost
 * report, and set-status calls on the set channel. The boards hold the demo production (shared/demo), and
 * every edit is a model operation (shared/model) by a member whose role may make it, so the server's checks
 * accept them; refusals are counted and must be 0.
 *
 * Figures: edit-to-other-tablet latency (from just before the writer's operation to the relayed items
 * arriving at each other tablet on that board, see tablet.ts), set-status latency to every other member's
 * socket, server CPU over the minute, lost and doubled deliveries. It has no peer: the references have no
 * set channel, no roles and no boards, so it runs on our server only and is our own yardstick.
 *
 * "Real speed", from docs/domain.md, for one unit on a 12-hour day:
 * - shot status taps: 50–60 shots a day, each tapped "shooting" then "done", plus some cut or moved: ~120 a
 *   day, 10 an hour;
 * - strip moves: strips pushed to another day or reordered for the coming days by the AD: ~24 a day, 2 an hour;
 * - day-log entries: crew call, first shot, lunch called and ended, company moves, second meal, camera and
 *   crew wrap: ~12 a day, 1 an hour;
 * - cost entries: the accountant's actuals and purchase orders and the day's hot-cost lines: ~36 a day, 3 an
 *   hour;
 * - set-status calls: 25–35 setups of 4–6 takes, each take "rolling" then "cut", each setup "moving on", plus
 *   lunch and wrap: ~330 a day, 28 an hour.
 * At ten times that speed a minute holds ten minutes of a day: about 2 taps, 5 set-status calls and under
 * one of each other kind; each kind is made at least once per run so every board's path is measured. That is
 * few samples (about 60 edit deliveries and 300 set-status ones): the p99 of edits is close to their maximum.
 */
import type { Board, Role } from '../../../shared/boards';
import type { CreateInviteResponse, CreateProductionResponse, JoinResponse } from '../../../shared/api-types';
import type { SetStatusValue } from '../../../shared/set-channel';
import type { ClientWorker } from '../clients';
import type { EditKind } from '../day-edits';
import { readProc } from '../proc';
import type { Metrics, RunContext, Scenario } from '../scenario';
import { assertOk } from '../scenario';
import { percentile } from '../stats';
import type { TabletSpec } from '../tablet';
import { post } from '../targets';

/** Each kind's real rate, per hour of a shooting day (see above). */
const REAL_PER_HOUR: Record<EditKind | 'set-status', number> = {
  'shot-tap': 10,
  'strip-move': 2,
  'day-log': 1,
  'cost-entry': 3,
  'set-status': 28,
};
const SPEED = 10;
/** A setup: takes called "rolling" and "cut", then "moving on" to the next. */
const STATUS_CYCLE: readonly SetStatusValue[] = ['rolling', 'cut', 'rolling', 'cut', 'moving-on'];

interface TabletPlan {
  board: Board;
  role: Role;
  /** The production's owner (a producer): the token that created it. */
  owner?: true;
  /** Writes the demo production's board before anyone else opens it. */
  seeds?: true;
  edits?: EditKind[];
  /** Calls the set status on the set channel (an AD). */
  setStatus?: true;
}

const crew = (board: Board, n: number, role: Role = 'crew'): TabletPlan[] =>
  Array.from({ length: n }, () => ({ board, role }));

/**
 * Who holds a tablet, by board, with the writers first (the quick run keeps the first few of each board).
 * Crew may read every board but the cost report; the cost report's readers are producers (line producer, UPM,
 * accountant). 16 + 14 + 10 + 6 + 14 = 60.
 */
const UNIT: Record<string, TabletPlan[]> = {
  shotlist: [
    { board: 'shotlist', role: 'director', seeds: true, edits: ['shot-tap'] },
    { board: 'shotlist', role: 'ad', edits: ['shot-tap'] },
    ...crew('shotlist', 14),
  ],
  schedule: [
    { board: 'schedule', role: 'ad', seeds: true, edits: ['strip-move', 'day-log'], setStatus: true },
    ...crew('schedule', 13),
  ],
  moodboard: [
    { board: 'moodboard', role: 'department', seeds: true },
    ...crew('moodboard', 3, 'department'),
    ...crew('moodboard', 6),
  ],
  costreport: [
    { board: 'costreport', role: 'producer', owner: true, seeds: true, edits: ['cost-entry'] },
    ...crew('costreport', 5, 'producer'),
  ],
  callsheet: [{ board: 'callsheet', role: 'ad', seeds: true }, ...crew('callsheet', 13)],
};

interface Event {
  at: number;
  kind: EditKind | 'set-status';
  n: number;
}

/** Each kind's events spread evenly over the phase, at least one per kind. */
function timeline(durationMs: number): Event[] {
  const events: Event[] = [];
  for (const [kind, perHour] of Object.entries(REAL_PER_HOUR) as Array<[Event['kind'], number]>) {
    const count = Math.max(1, Math.round((perHour * SPEED * durationMs) / 3_600_000));
    for (let n = 0; n < count; n++) events.push({ at: ((n + 0.5) * durationMs) / count, kind, n });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The sum of the server's refused-frame counter over every reason (server/metrics.ts). */
async function rejectedFrames(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('setboard_sync_rejected_frames_total')) total += Number(line.split(' ').at(-1));
  }
  return total;
}

/** The production and one member per tablet, through the HTTP API; returns each tablet's spec. */
async function enrol(port: number, plans: TabletPlan[]): Promise<TabletSpec[]> {
  const created = await post<CreateProductionResponse>(port, '/api/productions', null, {
    name: 'Shooting day',
    ownerName: 'Bench Producer',
  });
  const productionId = created.production.id;
  const base = {
    serverUrl: `ws://127.0.0.1:${port}/sync/${productionId}`,
    httpUrl: `http://127.0.0.1:${port}`,
  };
  const needed = new Map<Role, number>();
  for (const p of plans) if (!p.owner) needed.set(p.role, (needed.get(p.role) ?? 0) + 1);
  const codes = new Map<Role, string>();
  for (const [role, uses] of needed) {
    const invite = await post<CreateInviteResponse>(
      port,
      `/api/productions/${productionId}/invites`,
      created.token,
      { role, uses },
    );
    codes.set(role, invite.code);
  }
  return Promise.all(
    plans.map(async (p, i): Promise<TabletSpec> => {
      const id = `t${i}-${p.board}-${p.role}`;
      if (p.owner) return { ...base, id, board: p.board, token: created.token, member: created.member };
      const joined = await post<JoinResponse>(port, '/api/join', null, {
        code: codes.get(p.role)!,
        name: `Bench ${p.role} ${i}`,
      });
      return { ...base, id, board: p.board, token: joined.token, member: joined.member };
    }),
  );
}

/** Polls until every board's tablets hold the same state, or `timeoutMs` passed; returns whether they do. */
async function converge(workers: ClientWorker[], timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const states = (await Promise.all(workers.map((w) => w.call('tabletStates')))).flat();
    const byBoard = new Map<string, Set<string>>();
    for (const s of states) byBoard.set(s.board, (byBoard.get(s.board) ?? new Set()).add(s.sv));
    if ([...byBoard.values()].every((svs) => svs.size === 1)) return true;
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runShootingDay(
  ctx: RunContext,
  perBoard: number | null,
  durationMs: number,
): Promise<Metrics> {
  const { pool, target } = ctx;
  assertOk(target.name === 'setboard', 'the shooting day runs on our server only');
  const plans = Object.values(UNIT).flatMap((list) => (perBoard === null ? list : list.slice(0, perBoard)));
  const specs = await enrol(target.port, plans);
  const today = new Date().toISOString().slice(0, 10);
  // Tablets alternate between the pool's workers, so writers and readers share both threads.
  const workers = pool.light;
  const workerOf = (i: number) => workers[i % workers.length]!;
  const open = (indexes: number[]) =>
    Promise.all(
      workers.map((w) =>
        w.call('tabletOpen', {
          specs: indexes.filter((i) => workerOf(i) === w).map((i) => specs[i]!),
          concurrency: 10,
          timeoutMs: 30_000,
        }),
      ),
    );
  try {
    const seeders = plans.flatMap((p, i) => (p.seeds ? [i] : []));
    await open(seeders);
    for (const i of seeders) await workerOf(i).call('tabletSeed', { id: specs[i]!.id, today });
    await open(plans.flatMap((p, i) => (p.seeds ? [] : [i])));
    // Everyone holds the boards (and the server's re-stamping of the demo's authors) before measuring.
    assertOk(await converge(workers, 30_000), 'the tablets did not converge after joining');
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all(workers.map((w) => w.call('tabletReset')));

    const writers = (kind: EditKind) => plans.flatMap((p, i) => (p.edits?.includes(kind) ? [i] : []));
    const caller = plans.findIndex((p) => p.setStatus);
    const sentStatuses: Array<{ value: SetStatusValue; sentAt: number }> = [];
    let statusRefused = 0;
    const rejectedBefore = await rejectedFrames(target.port);
    const before = readProc(target.pid);
    const clientsBefore = process.cpuUsage();
    for (const event of timeline(durationMs)) {
      const wait = before.at + event.at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (event.kind === 'set-status') {
        const value = STATUS_CYCLE[event.n % STATUS_CYCLE.length]!;
        const r = await workerOf(caller).call('tabletSetStatus', { id: specs[caller]!.id, value });
        if (r.ok) sentStatuses.push({ value, sentAt: r.sentAt });
        else statusRefused++;
      } else {
        const candidates = writers(event.kind);
        const i = candidates[event.n % candidates.length]!;
        await workerOf(i).call('tabletEdit', { id: specs[i]!.id, kind: event.kind, n: event.n, today });
      }
    }
    const remaining = before.at + durationMs - performance.now();
    if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
    const after = readProc(target.pid);
    const clientCpu = process.cpuUsage(clientsBefore);
    const converged = await converge(workers, 5_000);
    await new Promise((r) => setTimeout(r, 500));
    const rejected = (await rejectedFrames(target.port)) - rejectedBefore;
    const parts = await Promise.all(workers.map((w) => w.call('tabletCollect')));
    const sent = parts.flatMap((p) => p.sent);
    const tablets = parts.flatMap((p) => p.tablets);
    const clients = new Set(tablets.map((t) => t.client));

    // Edits: each reaches every other tablet on its board once.
    const editLatencies: number[] = [];
    let lost = 0;
    for (const e of sent) {
      for (const t of tablets) {
        if (t.board !== e.board || t.client === e.client) continue;
        const hit = t.arrivals.find(([c, k, n]) => c === e.client && k <= e.clock && e.clock < k + n);
        if (hit) editLatencies.push(hit[3] - e.sentAt);
        else lost++;
      }
    }
    // Items from a client no tablet has are the server's own edits: its re-stamping of a forged author.
    const serverFixes = new Set(
      tablets.flatMap((t) => t.arrivals.filter(([c]) => !clients.has(c)).map(([c, k]) => `${c}:${k}`)),
    ).size;
    // Set status: each other member's socket gets every call, in the order made.
    const statusLatencies: number[] = [];
    let statusLost = 0;
    let statusDoubled = 0;
    for (const t of tablets) {
      if (t.id === specs[caller]!.id) continue;
      sentStatuses.forEach((s, k) => {
        const got = t.statuses[k];
        if (got && got[0] === s.value) statusLatencies.push(got[1] - s.sentAt);
        else statusLost++;
      });
      statusDoubled += Math.max(0, t.statuses.length - sentStatuses.length);
    }
    const refusedEdits = parts.flatMap((p) => p.refused);
    if (refusedEdits.length > 0)
      console.warn(`shooting day: edits refused by the model: ${refusedEdits.join('; ')}`);
    const seconds = (after.at - before.at) / 1000;
    return {
      editP50: percentile(editLatencies, 50),
      editP99: percentile(editLatencies, 99),
      editMax: percentile(editLatencies, 100),
      edits: sent.length,
      editDeliveries: editLatencies.length,
      statusP50: percentile(statusLatencies, 50),
      statusP99: percentile(statusLatencies, 99),
      statusCalls: sentStatuses.length,
      lost: lost + statusLost,
      doubled: tablets.reduce((n, t) => n + t.doubled, 0) + statusDoubled,
      refused: refusedEdits.length + statusRefused + rejected + serverFixes,
      refusedByModel: refusedEdits.length,
      refusedStatus: statusRefused,
      rejectedFrames: rejected,
      serverFixes,
      drops: tablets.reduce((n, t) => n + t.drops, 0),
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      clientCores: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
      converged: converged ? 1 : 0,
      tablets: tablets.length,
    };
  } finally {
    await Promise.all(workers.map((w) => w.call('tabletCloseAll')));
  }
}

export const shootingDay: Scenario = {
  id: 'shooting-day',
  title: 'Shooting day: one production, its five boards, a real day at ten times speed',
  targets: ['setboard'],
  metrics: [
    { key: 'editP50', label: 'edit to other tablets p50 ms', decimals: 1 },
    { key: 'editP99', label: 'edit to other tablets p99 ms', decimals: 1 },
    { key: 'editMax', label: 'edit to other tablets max ms', decimals: 1 },
    { key: 'editDeliveries', label: 'edit deliveries timed', decimals: 0 },
    { key: 'statusP50', label: 'set status to other members p50 ms', decimals: 1 },
    { key: 'statusP99', label: 'set status to other members p99 ms', decimals: 1 },
    { key: 'lost', label: 'not delivered (edits and set status)', decimals: 0, absolute: { max: 0 } },
    { key: 'doubled', label: 'doubled', decimals: 0, absolute: { max: 0 } },
    { key: 'refused', label: 'edits or calls refused', decimals: 0, absolute: { max: 0 } },
    { key: 'drops', label: 'board connections dropped', decimals: 0, absolute: { max: 0 } },
    { key: 'cpuSeconds', label: 'server CPU s over the minute', decimals: 2 },
    { key: 'clientCores', label: "clients' CPU, cores busy", decimals: 2 },
    { key: 'converged', label: 'tablets of each board equal', decimals: 0, absolute: { min: 1 } },
  ],
  variants(quick) {
    return quick
      ? [{ label: '15 tablets', run: (ctx) => runShootingDay(ctx, 3, ctx.durationMs ?? 10_000) }]
      : [{ label: '60 tablets', run: (ctx) => runShootingDay(ctx, null, ctx.durationMs ?? 60_000) }];
  },
};
