/**
 * Writes the demo production into a board document through the model's operations (so the demo data is
 * validated like any user's). Deterministic: fixed ids and the `today` date, no randomness, and fixed
 * order keys, so two seeds of one board are byte-for-byte the same data.
 */
import * as Y from 'yjs';
import type { Board } from '../boards';
import {
  addDay,
  addBanner,
  addStrip,
  logEvent,
  setScheduleSettings,
  setStripStatus,
} from '../model/schedule';
import { addCastMember, addLocation, addScene } from '../model/breakdown';
import { addShot, moveShot, setShotStatus, SHOT_DEFAULTS, type NewShot } from '../model/shotlist';
import {
  addAccount,
  addActual,
  addBudgetLine,
  addHotCost,
  addPurchaseOrder,
  payPurchaseOrder,
  setCostSettings,
} from '../model/costreport';
import { addDprRow, setDprFigure } from '../model/dpr';
import { schemaVersion } from '../model/schema-version';
import { addDays } from '../calc/clock';
import { ACCOUNTS, HOT_COSTS } from './budget';
import { seedCallSheet } from './callsheet';
import { seedMoodboard } from './moodboard';
import { CAST, DAYS, DEMO_TIME_ZONE, LOCATIONS, SCENES, stripMinutes } from './production';

export interface SeedOptions {
  /** ISO date of the first shooting day. */
  today: string;
  /** Transaction origin for the writes. */
  origin?: unknown;
}

const AD = { id: 'demo-ad', name: 'Sam Okoro (1st AD)' };

/**
 * The demo is written by this fixed client id in a scratch document, then applied to the target as one
 * update: order keys carry the writer's client id, so a fixed writer makes every seed identical.
 */
const DEMO_CLIENT_ID = 0x5e_ed_da_7a;

/** Seeds `doc` with the demo production's `board`. A document that already has data is left alone. */
export function seedDemoBoard(board: Board, doc: Y.Doc, options: SeedOptions): void {
  if (schemaVersion(doc) !== 0) return;
  const { today, origin } = options;
  const scratch = new Y.Doc();
  scratch.clientID = DEMO_CLIENT_ID;
  try {
    writeDemo(board, scratch, today, origin);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), origin ?? null);
  } finally {
    scratch.destroy();
  }
}

function writeDemo(board: Board, doc: Y.Doc, today: string, origin: unknown): void {
  doc.transact(() => {
    switch (board) {
      case 'breakdown':
        return seedBreakdown(doc, origin);
      case 'shotlist':
        return seedShotlist(doc, origin);
      case 'schedule':
        return seedSchedule(doc, today, origin);
      case 'moodboard':
        return seedMoodboard(doc, today, origin);
      case 'costreport':
        return seedCostReport(doc, today, origin);
      case 'callsheet':
        return seedCallSheet(doc, origin);
      case 'dpr':
        return seedDpr(doc, origin);
    }
  }, origin ?? null);
}

function seedBreakdown(doc: Y.Doc, origin: unknown): void {
  for (const c of CAST) addCastMember(doc, { ...c }, origin);
  for (const l of LOCATIONS) addLocation(doc, { ...l }, origin);
  for (const s of SCENES) {
    const { shots: _shots, ...scene } = s;
    addScene(doc, scene, origin);
  }
}

const MOVES: NewShot['movement'][] = ['static', 'dolly', 'handheld', 'static', 'push-in', 'steadicam'];

/**
 * A demo shot's size is the one its description names ("CU Ines: ...", "Tracking MS: ..."), else the one its
 * kind implies (a drone or crane shot is an extreme wide, a master or overhead a wide): a director reading
 * the demo must never see "EWS" on "CU: Mara looks out". First match wins, so a two-shot master is a two-shot.
 */
const SIZE_OF_DESCRIPTION: readonly [RegExp, string][] = [
  [/^insert\b/i, 'INSERT'],
  [/\bECU\b/, 'ECU'],
  [/\bMCU\b/, 'MCU'],
  [/\bEWS\b/, 'EWS'],
  [/\bCU\b/, 'CU'],
  [/\bMS\b/, 'MS'],
  [/\bWS\b/, 'WS'],
  [/\bOTS\b/, 'OTS'],
  [/two-shot/i, 'TWO-SHOT'],
  [/^(drone|crane)\b/i, 'EWS'],
  [/^(wide|master|overhead|tracking)\b/i, 'WS'],
  [/^push-in\b/i, 'MCU'],
];

export function demoShotSize(description: string): string {
  const found = SIZE_OF_DESCRIPTION.find(([pattern]) => pattern.test(description));
  if (!found) throw new Error(`demo shot "${description}" names no size`);
  return found[1];
}

/** The lens a camera team would reach for at each size, so a wide is never on a macro. */
const LENS_OF_SIZE: Record<string, string> = {
  EWS: '18mm',
  WS: '24mm',
  'TWO-SHOT': '35mm',
  MS: '35mm',
  OTS: '50mm',
  MCU: '50mm',
  CU: '85mm',
  ECU: '100mm macro',
  INSERT: '100mm macro',
};

/** Shots of scenes done before lunch on day 1 are done; the next one is shooting. */
const DONE_SCENES = new Set(['scene-1', 'scene-3']);

function seedShotlist(doc: Y.Doc, origin: unknown): void {
  let n = 0;
  const shootOrder: string[] = [];
  for (const scene of SCENES) {
    scene.shots.forEach((description, i) => {
      const lower = description.toLowerCase();
      const size = demoShotSize(description);
      const movement = lower.includes('drone')
        ? 'drone'
        : lower.includes('crane')
          ? 'crane'
          : lower.includes('tracking')
            ? 'dolly'
            : lower.includes('handheld')
              ? 'handheld'
              : MOVES[n % MOVES.length];
      const id = `shot-${scene.number}-${i + 1}`;
      addShot(
        doc,
        {
          ...SHOT_DEFAULTS,
          id,
          sceneId: scene.id,
          sceneNumber: scene.number,
          size,
          angle: lower.includes('overhead') ? 'overhead' : lower.includes('drone') ? 'high' : 'eye-level',
          movement,
          lens: LENS_OF_SIZE[size]!,
          camera: i % 3 === 2 ? 'B' : 'A',
          sound: size === 'INSERT' || movement === 'drone' ? 'MOS' : 'sync',
          description,
          castIds: size === 'INSERT' ? [] : scene.castIds.slice(0, i === 0 ? undefined : 1),
          setup: `${scene.number}-${i === 0 ? 'wide' : size === 'INSERT' ? 'inserts' : 'coverage'}`,
          setupMinutes: i === 0 ? 30 : 15,
          shootMinutes: Math.max(5, scene.eighths * 2 - i * 2),
          notes:
            i === 0 && scene.time === 'NIGHT' ? 'Rain towers on standby; wet down before the master.' : '',
        },
        origin,
      );
      shootOrder.push(id);
      if (DONE_SCENES.has(scene.id)) setShotStatus(doc, id, 'done', origin);
      n++;
    });
  }
  setShotStatus(doc, 'shot-2-1', 'done', origin);
  setShotStatus(doc, 'shot-2-2', 'shooting', origin);
  setShotStatus(doc, 'shot-10-5', 'cut', origin);
  // shooting order: by day and strip order, inserts of a scene grouped last (they share one setup)
  const dayOrder = DAYS.flatMap((d) => d.board.filter((x): x is number => typeof x === 'number').map(String));
  const ordered = [...shootOrder].sort((a, b) => rank(a) - rank(b));
  function rank(id: string): number {
    const [, sceneNo, index] = id.split('-');
    const insert = SCENES.find((s) => s.number === sceneNo)!.shots[Number(index) - 1]!.startsWith('Insert');
    return dayOrder.indexOf(sceneNo!) * 100 + (insert ? 50 : 0) + Number(index);
  }
  let after: string | null = null;
  for (const id of ordered) {
    moveShot(doc, id, 'shoot', after, origin);
    after = id;
  }
}

function seedSchedule(doc: Y.Doc, today: string, origin: unknown): void {
  setScheduleSettings(doc, { timeZone: DEMO_TIME_ZONE, daysOff: [6, 0] }, origin);
  for (const day of DAYS) {
    const { id, crewCall, shootingCall, notes } = day;
    addDay(doc, { id, date: addDays(today, day.offset), crewCall, shootingCall, notes }, origin);
    day.board.forEach((item, i) => {
      if (typeof item === 'string') {
        // a company move is planned at half an hour; other banners take no time
        const minutes = item.startsWith('#COMPANY MOVE') ? 30 : 0;
        addBanner(doc, { id: `banner-${day.id}-${i}`, text: item.slice(1), minutes, dayId: day.id }, origin);
        return;
      }
      const scene = SCENES.find((s) => s.number === String(item))!;
      addStrip(
        doc,
        { id: `strip-${item}`, sceneId: scene.id, dayId: day.id, minutes: stripMinutes(scene.eighths) },
        origin,
      );
    });
  }
  setStripStatus(doc, 'strip-1', 'done', origin);
  setStripStatus(doc, 'strip-3', 'done', origin);
  setStripStatus(doc, 'strip-2', 'shooting', origin);
  const log = (kind: Parameters<typeof logEvent>[1]['kind'], at: string, note = '') =>
    logEvent(doc, { id: `log-day-1-${kind}`, dayId: 'day-1', kind, at, author: AD, note }, origin);
  log('crew-call', '06:00');
  log('first-shot', '07:12', 'Fog lifted late');
  log('company-move-start', '10:55', 'Pier to bait shop');
  log('company-move-end', '11:25');
  log('lunch-called', '12:40');
  log('lunch-ended', '13:10');
}

/** Day 1's report as the AD has typed it so far: cards, rolls, screen time and the background. */
function seedDpr(doc: Y.Doc, origin: unknown): void {
  setDprFigure(doc, 'day-1', 'cameraCards', 3, origin);
  setDprFigure(doc, 'day-1', 'soundRolls', 1, origin);
  setDprFigure(doc, 'day-1', 'screenSeconds', 215, origin);
  addDprRow(doc, 'background', 'day-1', { group: 'Fishermen', count: 6, in: '06:30', out: null }, origin);
}

function seedCostReport(doc: Y.Doc, today: string, origin: unknown): void {
  setCostSettings(doc, { currency: 'USD', contingencyBp: 1_000, alertThresholdBp: 500 }, origin);
  const accountIds = new Map<string, string>();
  ACCOUNTS.forEach((a, ai) => {
    const accountId = `acct-${a.code}`;
    accountIds.set(a.code, accountId);
    addAccount(
      doc,
      { id: accountId, code: a.code, name: a.name, line: a.line, category: a.category, etc: a.etc },
      origin,
    );
    a.lines.forEach((line, li) =>
      addBudgetLine(doc, { id: `line-${a.code}-${li + 1}`, accountId, ...line }, origin),
    );
    a.actuals.forEach(([daysBefore, vendor, description, amount], i) =>
      addActual(
        doc,
        {
          id: `actual-${a.code}-${i + 1}`,
          date: addDays(today, -daysBefore),
          vendor,
          description,
          accountId,
          amount,
        },
        origin,
      ),
    );
    a.pos.forEach(([number, vendor, description, amount, paid]) => {
      const poId = `po-${number.toLowerCase()}`;
      addPurchaseOrder(
        doc,
        { id: poId, number, date: addDays(today, -12 + (ai % 5)), vendor, description, accountId, amount },
        origin,
      );
      if (paid) payPurchaseOrder(doc, poId, today, origin);
    });
  });
  HOT_COSTS.forEach(({ account, ...entry }, i) =>
    addHotCost(
      doc,
      { id: `hot-day-1-${i + 1}`, date: today, accountId: accountIds.get(account) ?? null, ...entry },
      origin,
    ),
  );
}
