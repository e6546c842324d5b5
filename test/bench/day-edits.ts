/**
 * The edits of a shooting day, written through the model's operations (shared/model) on the demo
 * production's boards (shared/demo), as the app writes them: a shot status tap, a strip moved to another
 * day, a day-log entry, a cost entry. Each reads the tablet's current document to choose what to change, so
 * any number of them in a row stays valid (the model throws a ModelError otherwise, counted as a refusal).
 */
import type * as Y from 'yjs';
import type { Board } from '../../shared/boards';
import { readAccounts, addActual } from '../../shared/model/costreport';
import { logEvent, moveItem, readSchedule, selectDayItems } from '../../shared/model/schedule';
import type { LogKind } from '../../shared/model/schedule-types';
import { readShots, setShotStatus } from '../../shared/model/shotlist';

export const EDIT_KINDS = ['shot-tap', 'strip-move', 'day-log', 'cost-entry'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** The board each kind of edit writes. */
export const EDIT_BOARD: Record<EditKind, Board> = {
  'shot-tap': 'shotlist',
  'strip-move': 'schedule',
  'day-log': 'schedule',
  'cost-entry': 'costreport',
};

/** The demo's day 1 is today; days 2 and 3 follow (shared/demo/production.ts). */
const TODAY_ID = 'day-1';
const PUSH_DAYS = ['day-2', 'day-3'] as const;

/** Day-1 kinds the demo has not logged yet and that may repeat (once-a-day kinds are keyed per day). */
const LOG_SEQUENCE: readonly LogKind[] = [
  'company-move-start',
  'company-move-end',
  'second-meal-called',
  'second-meal-ended',
  'crew-wrap',
];

export interface EditContext {
  /** The n-th edit of this kind in the run. */
  n: number;
  /** Who is editing (a day-log entry names them; the server would re-stamp anyone else). */
  member: { id: string; name: string };
  /** ISO date of the shooting day. */
  today: string;
}

/** The next tap in shooting order: the shot being shot is done, else the next planned one starts shooting. */
function shotTap(doc: Y.Doc): void {
  const shots = readShots(doc, 'shoot');
  const shooting = shots.find((s) => s.status === 'shooting');
  if (shooting) return setShotStatus(doc, shooting.id, 'done');
  const next = shots.find((s) => s.status === 'planned');
  if (!next) throw new Error('no planned shot left to tap');
  setShotStatus(doc, next.id, 'shooting');
}

/** The AD pushes the last strip of one coming day to the end of the other (alternating directions). */
function stripMove(doc: Y.Doc, n: number): void {
  const schedule = readSchedule(doc);
  const from = PUSH_DAYS[n % 2]!;
  const to = PUSH_DAYS[(n + 1) % 2]!;
  const strip = selectDayItems(schedule, from)
    .filter((item) => item.type === 'strip')
    .at(-1);
  if (!strip) throw new Error(`no strip on ${from} to move`);
  const after = selectDayItems(schedule, to).at(-1)?.id ?? null;
  moveItem(doc, strip.id, to, after);
}

/** A time of day: the afternoon, a minute of log time apart per entry. */
function clock(n: number): string {
  const minutes = 15 * 60 + n;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function dayLog(doc: Y.Doc, ctx: EditContext): void {
  const kind = LOG_SEQUENCE[ctx.n % LOG_SEQUENCE.length]!;
  logEvent(doc, { dayId: TODAY_ID, kind, at: clock(ctx.n), author: ctx.member, note: `bench ${ctx.n}` });
}

/** The accountant enters a receipt against one of the production's accounts. */
function costEntry(doc: Y.Doc, ctx: EditContext): void {
  const accounts = readAccounts(doc);
  const account = accounts[ctx.n % accounts.length];
  if (!account) throw new Error('the cost report has no account');
  addActual(doc, {
    date: ctx.today,
    vendor: 'Harbour Catering',
    description: `Second meal, receipt ${ctx.n + 1}`,
    accountId: account.id,
    amount: 12_500 + ctx.n,
  });
}

export function applyEdit(kind: EditKind, doc: Y.Doc, ctx: EditContext): void {
  switch (kind) {
    case 'shot-tap':
      return shotTap(doc);
    case 'strip-move':
      return stripMove(doc, ctx.n);
    case 'day-log':
      return dayLog(doc, ctx);
    case 'cost-entry':
      return costEntry(doc, ctx);
  }
}
