/**
 * Convergence: random operations on two or three replicas, exchanged in random orders (single updates,
 * out of order), end with identical documents and identical derived views. The seed is in each title;
 * a failing seed is kept as a named regression.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { costReport } from '../../shared/calc/cost-report';
import { dayOutOfDays } from '../../shared/calc/dood';
import { pageTotals, shotTotalsByScene } from '../../shared/calc/schedule-totals';
import {
  addAccount,
  addActual,
  addBudgetLine,
  addDay,
  addPurchaseOrder,
  addShot,
  addStrip,
  deleteShot,
  logEvent,
  ModelError,
  moveItem,
  moveShot,
  payPurchaseOrder,
  readCostReport,
  readSchedule,
  readShots,
  setEstimateToComplete,
  setShotStatus,
  setStripStatus,
  shotText,
  SHOT_STATUSES,
  STRIP_STATUSES,
  updateBudgetLine,
  updateShot,
  updateStrip,
} from '../../shared/model/index';
import { seedDemoBoard } from '../../shared/demo/index';
import { readScenes, readCast } from '../../shared/model/breakdown';
import { Replicas } from './replicas';

const RUNS = 60;
const TODAY = '2025-06-02';

const step = fc.record({
  replica: fc.nat(2),
  /** 0-9 pick an operation, 10-14 deliver a queued update */
  kind: fc.nat(14),
  a: fc.nat(1_000),
  b: fc.nat(1_000),
  text: fc.string({ maxLength: 6 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const open: Replicas[] = [];
afterEach(() => {
  while (open.length) open.pop()!.destroy();
});

const seeds = new Map<string, Uint8Array>();

/**
 * A small starting board, so random operations hit the same few items often (more conflicts per run).
 * Written once per board by a fixed client id, then copied into every replica.
 */
function startState(board: 'shotlist' | 'schedule' | 'costreport'): Uint8Array {
  const cached = seeds.get(board);
  if (cached) return cached;
  const doc = new Y.Doc();
  doc.clientID = 1;
  if (board === 'shotlist') {
    for (let i = 0; i < 6; i++)
      addShot(doc, { id: `shot${i}`, sceneId: `scene-${1 + (i % 2)}`, sceneNumber: String(1 + (i % 2)) });
  } else if (board === 'schedule') {
    for (let d = 1; d <= 2; d++) {
      addDay(doc, {
        id: `day-${d}`,
        date: `2025-06-0${d}`,
        crewCall: '07:00',
        shootingCall: '08:00',
        sunset: '20:00',
        notes: '',
      });
    }
    for (let i = 1; i <= 6; i++)
      addStrip(doc, { id: `strip-${i}`, sceneId: `scene-${i}`, dayId: i <= 4 ? `day-${1 + (i % 2)}` : null });
  } else {
    for (const code of ['1400', '3300', '3500']) {
      const accountId = addAccount(doc, {
        id: `a${code}`,
        code,
        name: code,
        line: code === '1400' ? 'ATL' : 'BTL',
        category: 'C',
      });
      addBudgetLine(doc, {
        id: `l${code}`,
        accountId,
        description: '',
        amount: 1,
        units: 'day',
        multiplier: 1,
        rate: 10_000,
        fringeBp: 1_000,
      });
      addPurchaseOrder(doc, {
        id: `p${code}`,
        number: `PO-${code}`,
        date: TODAY,
        vendor: 'V',
        description: '',
        accountId,
        amount: 5_000,
      });
    }
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  seeds.set(board, state);
  return state;
}

function network(board: 'shotlist' | 'schedule' | 'costreport', count: number): Replicas {
  const replicas = new Replicas(count, startState(board));
  open.push(replicas);
  return replicas;
}

/** Runs steps; operations refused by validation (a shot deleted on this replica) are skipped. */
function run(replicas: Replicas, steps: Step[], apply: (doc: Y.Doc, s: Step) => void): void {
  const n = replicas.docs.length;
  for (const s of steps) {
    const replica = s.replica % n;
    if (s.kind >= 10) {
      replicas.deliverOne(replica, (replica + 1 + (s.a % (n - 1))) % n, s.b);
      continue;
    }
    try {
      apply(replicas.docs[replica]!, s);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
    }
  }
  replicas.flush();
}

function expectConverged<T>(replicas: Replicas, view: (doc: Y.Doc) => T): T {
  const [first, ...rest] = replicas.docs;
  const expected = view(first!);
  for (const doc of rest) {
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first!));
    expect(doc.getMap('shots').toJSON()).toEqual(first!.getMap('shots').toJSON());
    expect(view(doc)).toEqual(expected);
  }
  return expected;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

describe('convergence', () => {
  it.each([
    [20_250_601, 3],
    [7, 2],
  ])(
    '[seed %i] shot list on %i replicas: reorders, status taps, same-cell edits, typing, adds and deletes',
    (seed, count) => {
      let runs = 0;
      fc.assert(
        fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
          runs++;
          const replicas = network('shotlist', count);
          const created = new Set(readShots(replicas.docs[0]!).map((s) => s.id));
          const deleted = new Set<string>();
          run(replicas, steps, (doc, s) => {
            const shots = readShots(doc);
            const shot = pick(shots, s.a);
            const other = s.b % (shots.length + 1) === shots.length ? null : pick(shots, s.b).id;
            switch (s.kind) {
              case 0:
              case 1:
                return moveShot(
                  doc,
                  shot.id,
                  s.kind === 0 ? 'script' : 'shoot',
                  other === shot.id ? null : other,
                );
              case 2:
                return setShotStatus(doc, shot.id, pick(SHOT_STATUSES, s.b));
              case 3:
                return updateShot(doc, shot.id, { lens: `${(s.b % 9) * 10 + 18}mm` });
              case 4: {
                const t = shotText(doc, shot.id, 'description');
                return t.insert(s.b % (t.length + 1), s.text);
              }
              case 5: {
                const t = shotText(doc, shot.id, 'notes');
                return t.length ? t.delete(s.b % t.length, 1) : t.insert(0, s.text);
              }
              case 6:
                created.add(addShot(doc, { sceneId: shot.sceneId, code: `${s.a}`, scriptAfter: other }));
                return;
              case 7:
                deleted.add(shot.id);
                return deleteShot(doc, shot.id);
              default:
                return updateShot(doc, shot.id, { setupMinutes: s.b % 120, shootMinutes: s.a % 60 });
            }
          });
          const view = expectConverged(replicas, (doc) => ({
            script: readShots(doc, 'script'),
            shoot: readShots(doc, 'shoot').map((s) => s.id),
            totals: [...shotTotalsByScene(readShots(doc)).entries()],
          }));
          const alive = [...created].filter((id) => !deleted.has(id)).sort();
          // every shot that exists appears exactly once in both orders: nothing duplicated, nothing lost
          expect(view.script.map((s) => s.id).sort()).toEqual(alive);
          expect([...view.shoot].sort()).toEqual(alive);
          replicas.destroy();
          open.splice(open.indexOf(replicas), 1);
        }),
        { seed, numRuns: RUNS },
      );
      expect(runs).toBe(RUNS);
    },
  );

  it.each([[424_242, 3]])(
    '[seed %i] schedule on %i replicas: strip moves between days and the boneyard, statuses, log appends',
    (seed, count) => {
      const breakdown = new Y.Doc();
      seedDemoBoard('breakdown', breakdown, { today: TODAY });
      const scenes = readScenes(breakdown);
      const cast = readCast(breakdown);
      fc.assert(
        fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
          const replicas = network('schedule', count);
          const before = readSchedule(replicas.docs[0]!).strips.length;
          let added = 0;
          run(replicas, steps, (doc, s) => {
            const schedule = readSchedule(doc);
            const strip = pick(schedule.strips, s.a);
            const dayIds = [...schedule.days.map((d) => d.id), null];
            switch (s.kind) {
              case 0:
              case 1:
              case 2: {
                const dayId = pick(dayIds, s.b);
                const there = schedule.strips.filter((x) => x.dayId === dayId && x.id !== strip.id);
                const after = there.length && s.a % 3 ? pick(there, s.b).id : null;
                return moveItem(doc, strip.id, dayId, after);
              }
              case 3:
                return setStripStatus(doc, strip.id, pick(STRIP_STATUSES, s.b));
              case 4:
                return updateStrip(doc, strip.id, { minutes: s.b % 240 });
              case 5:
                added++;
                addStrip(doc, { sceneId: pick(scenes, s.b).id, dayId: pick(dayIds, s.a) });
                return;
              default:
                logEvent(doc, {
                  dayId: schedule.days[0]!.id,
                  kind: 'first-shot',
                  at: `0${7 + (s.b % 3)}:${String(s.a % 60).padStart(2, '0')}`,
                  author: { id: `m${s.replica}`, name: 'AD' },
                });
            }
          });
          const view = expectConverged(replicas, (doc) => {
            const schedule = readSchedule(doc);
            return {
              schedule,
              pages: pageTotals(schedule, scenes),
              dood: dayOutOfDays(schedule, scenes, cast),
            };
          });
          // each strip is in exactly one place: the day totals and the boneyard add up to every strip
          expect(view.schedule.strips).toHaveLength(before + added);
          expect(new Set(view.schedule.strips.map((s) => s.id)).size).toBe(before + added);
          expect(view.pages.totalEighths).toBe(
            view.schedule.strips.reduce(
              (n, s) => n + (s.eighths ?? scenes.find((x) => x.id === s.sceneId)!.eighths),
              0,
            ),
          );
          replicas.destroy();
          open.splice(open.indexOf(replicas), 1);
        }),
        { seed, numRuns: RUNS },
      );
      breakdown.destroy();
    },
  );

  it.each([[99, 2]])(
    '[seed %i] cost report on %i replicas: same-cell rate edits, ETC, actuals, paying POs',
    (seed, count) => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          const replicas = network('costreport', count);
          run(replicas, steps, (doc, s) => {
            const data = readCostReport(doc);
            switch (s.kind % 4) {
              case 0:
                return updateBudgetLine(doc, pick(data.lines, s.a).id, {
                  rate: s.b * 100,
                  amount: (s.a % 40) / 4,
                });
              case 1:
                return setEstimateToComplete(doc, pick(data.accounts, s.a).id, s.b * 1_000);
              case 2:
                addActual(doc, {
                  date: TODAY,
                  vendor: 'Petty cash',
                  description: s.text,
                  accountId: pick(data.accounts, s.b).id,
                  amount: s.a,
                });
                return;
              default:
                return payPurchaseOrder(doc, pick(data.pos, s.a).id, TODAY);
            }
          });
          expectConverged(replicas, (doc) => costReport(readCostReport(doc), { from: TODAY, to: TODAY }));
          replicas.destroy();
          open.splice(open.indexOf(replicas), 1);
        }),
        { seed, numRuns: RUNS },
      );
    },
  );
});

describe('concurrent reorders, by example', () => {
  it('two tablets dropping different shots into the same gap get distinct keys and one order', () => {
    const replicas = network('shotlist', 2);
    const [a, b] = replicas.docs as [Y.Doc, Y.Doc];
    const ids = readShots(a).map((s) => s.id);
    moveShot(a, ids[4]!, 'script', ids[0]!);
    moveShot(b, ids[5]!, 'script', ids[0]!);
    // the same shot dragged to two places at once lands in exactly one of them
    moveShot(a, ids[2]!, 'shoot', null);
    moveShot(b, ids[2]!, 'shoot', ids[5]!);
    replicas.flush();
    const keys = readShots(a).map((s) => s.scriptOrder);
    expect(new Set(keys).size).toBe(keys.length);
    expect(readShots(a)).toEqual(readShots(b));
    expect(readShots(a, 'shoot').map((s) => s.id)).toEqual(readShots(b, 'shoot').map((s) => s.id));
    const [first, second, third] = readShots(a).map((s) => s.id);
    expect(first).toBe(ids[0]);
    expect([second, third].sort()).toEqual([ids[4], ids[5]].sort());
  });
});
