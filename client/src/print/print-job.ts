/**
 * Gathers what a board's document needs from the boards on this device (the board itself, and the others it
 * draws on when this role may read them) and has the PDF worker make it. Works offline: every board is kept in
 * IndexedDB, and a companion board is read from there when the server cannot be reached in a moment.
 */
import type { Access, Board } from '../../../shared/boards';
import { deriveCallSheet } from '../../../shared/calc/call-sheet';
import { readBreakdown } from '../../../shared/model/breakdown';
import { readCallSheetTyped } from '../../../shared/model/callsheet';
import type { Person } from '../../../shared/people';
import { fetchPeople } from '../api/people';
import { readCostReport } from '../../../shared/model/costreport';
import { readMoodboard } from '../../../shared/model/moodboard';
import { deriveDpr, shootingDay } from '../../../shared/calc/dpr';
import type { DprState } from '../../../shared/dpr-api';
import { readDpr, selectDprDay } from '../../../shared/model/dpr';
import { EMPTY_SCHEDULE, readSchedule } from '../../../shared/model/schedule';
import { readShots } from '../../../shared/model/shotlist';
import type { Paper, PdfJob, PeriodKind, ScheduleView, ShotListOptions } from '../../../shared/pdf';
import type * as Y from 'yjs';
import type { BoardSession } from '../sync/board-session';
import workerUrl from './pdf-worker?worker&url';
import type { PdfRequest, PdfResponse } from './pdf-worker';

/** The worker's file, for the service worker to keep: a PDF can then be made on a device that is offline. */
export const PDF_WORKER_URL = workerUrl;

export interface PrintContext {
  productionId: string;
  productionName: string;
  token: string;
  permissions: Record<Board, Access>;
  /** The open board's session: its document, and the way to open another board like it. */
  session: BoardSession;
}

/**
 * A session like the open one (same production, member and server) for another board. Built from the open
 * session's own class, so this lazily loaded module does not pull the sync code into a chunk of its own.
 */
function companionSession(open: BoardSession, board: Board): BoardSession {
  const Session = open.constructor as new (options: BoardSession['options']) => BoardSession;
  return new Session({ ...open.options, board });
}

export interface PrintChoices {
  paper: Paper;
  shotlist: ShotListOptions;
  view: ScheduleView;
  period: PeriodKind;
  periodDate: string;
  moodBoardId: string | null;
  /** The call sheet's shooting day number (the day the call sheet screen shows). */
  callSheetDay: number;
  /** The cost report's budget lock as on screen (its Budget column), null while not locked. */
  costLock?: { name: string; budgets: [string, number][] } | null;
  /** The production report's day and sign-off as on screen. */
  dpr?: { day: number; state: DprState; by: string | null; at: string | null; comment: string | null };
}

/** How long a companion board waits for the server before printing from this device's copy. */
const SERVER_WAIT_MS = 2_500;

/** Reads another board: from the server when it answers in a moment, else from this device. */
async function readCompanion<T>(
  context: PrintContext,
  board: Board,
  read: (doc: Y.Doc) => T,
): Promise<T | null> {
  if (context.permissions[board] === 'none') return null;
  const session = companionSession(context.session, board);
  try {
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(done, SERVER_WAIT_MS);
      const unsubscribe = session.subscribe(check);
      function check() {
        const state = session.getState();
        if (state.serverSynced || (state.localReady && state.status === 'offline')) done();
      }
      function done() {
        clearTimeout(deadline);
        unsubscribe();
        resolve();
      }
      check();
    });
    // the device's copy at least: IndexedDB loads fast, but wait for it if the server was quicker to fail
    if (!session.getState().localReady) {
      await new Promise<void>((resolve) => {
        const unsubscribe = session.subscribe(() => {
          if (session.getState().localReady) {
            unsubscribe();
            resolve();
          }
        });
        setTimeout(() => {
          unsubscribe();
          resolve();
        }, SERVER_WAIT_MS);
      });
    }
    return read(session.doc);
  } finally {
    session.destroy();
  }
}

/** Fetches storyboard or mood-board images as data URLs (PNG and JPEG only); offline they are left out. */
async function imageData(refs: readonly string[], token: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ref of [...new Set(refs)].slice(0, 300)) {
    try {
      const response = await fetch(ref, { headers: { authorization: `Bearer ${token}` } });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !/^image\/(png|jpeg)/.test(type)) continue;
      const blob = await response.blob();
      out.set(
        ref,
        await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(reader.error ?? new Error('image unreadable'));
          reader.readAsDataURL(blob);
        }),
      );
    } catch {
      // offline or refused: the document says the image is not included
    }
  }
  return out;
}

export function localIsoDate(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export async function collectJob(
  board: Board,
  context: PrintContext,
  choices: PrintChoices,
): Promise<PdfJob> {
  const base = { production: context.productionName, date: localIsoDate(), paper: choices.paper };
  const { doc } = context.session;
  switch (board) {
    case 'shotlist': {
      const shots = readShots(doc, 'script');
      const options = choices.shotlist;
      return {
        board,
        input: {
          ...base,
          shots,
          breakdown: await readCompanion(context, 'breakdown', readBreakdown),
          schedule: options.day === null ? null : await readCompanion(context, 'schedule', readSchedule),
          options,
          ...(options.images
            ? {
                images: await imageData(
                  shots.flatMap((s) => s.storyboard.slice(0, 1)),
                  context.token,
                ),
              }
            : {}),
        },
      };
    }
    case 'schedule':
      return {
        board,
        input: {
          ...base,
          schedule: readSchedule(doc),
          breakdown: await readCompanion(context, 'breakdown', readBreakdown),
          view: choices.view,
        },
      };
    case 'breakdown':
      return {
        board,
        input: {
          ...base,
          breakdown: readBreakdown(doc),
          schedule: await readCompanion(context, 'schedule', readSchedule),
          shots: await readCompanion(context, 'shotlist', (d) => readShots(d, 'script')),
        },
      };
    case 'costreport':
      return {
        board,
        input: {
          ...base,
          data: readCostReport(doc),
          periodKind: choices.period,
          periodDate: choices.periodDate,
          lock: choices.costLock ?? null,
        },
      };
    case 'callsheet': {
      const schedule = await readCompanion(context, 'schedule', readSchedule);
      if (!schedule)
        throw new Error('The call sheet is built from the schedule, which your role may not read.');
      const breakdown = (await readCompanion(context, 'breakdown', readBreakdown)) ?? {
        scenes: [],
        cast: [],
        locations: [],
      };
      let people: Person[];
      try {
        people = (await fetchPeople(context.productionId, context.token)).people;
      } catch (error) {
        throw new Error(
          `The crew and cast list could not be fetched (${(error as Error).message}); try again online.`,
        );
      }
      const dayNumber = choices.callSheetDay;
      const day = schedule.days.filter((d) => d.kind === 'shoot')[dayNumber - 1];
      const sheet = deriveCallSheet({
        productionName: context.productionName,
        schedule,
        breakdown,
        people,
        dayNumber,
        typed: day ? readCallSheetTyped(doc, day.id) : {},
      });
      return { board, input: { ...base, sheet, dayNumber } };
    }
    case 'dpr': {
      const view = choices.dpr ?? { day: 1, state: 'draft' as const, by: null, at: null, comment: null };
      const schedule = (await readCompanion(context, 'schedule', readSchedule)) ?? EMPTY_SCHEDULE;
      const day = shootingDay(schedule, view.day);
      const report = deriveDpr({
        productionName: context.productionName,
        schedule,
        breakdown: await readCompanion(context, 'breakdown', readBreakdown),
        shots: await readCompanion(context, 'shotlist', (d) => readShots(d)),
        dayNumber: view.day,
        typed: selectDprDay(readDpr(doc), day?.id ?? ''),
      });
      if (!report) throw new Error(`day: there is no shooting day ${view.day} in the schedule.`);
      return {
        board,
        input: {
          ...base,
          report,
          state: view.state,
          signoff: { at: view.at, by: view.by ? { name: view.by } : null, comment: view.comment },
        },
      };
    }
    case 'moodboard': {
      const moodboard = readMoodboard(doc);
      const cards = moodboard.cards.filter(
        (c) => choices.moodBoardId === null || c.boardId === choices.moodBoardId,
      );
      return {
        board,
        input: {
          ...base,
          moodboard,
          boardId: choices.moodBoardId,
          breakdown: await readCompanion(context, 'breakdown', readBreakdown),
          images: await imageData(
            cards.flatMap((c) => (c.image === null ? [] : [c.image])),
            context.token,
          ),
        },
      };
    }
  }
}

let worker: Worker | null = null;
let nextId = 1;

/** Makes the PDF in the worker (started on first use and kept for the next one). */
export function renderInWorker(job: PdfJob): Promise<{ bytes: ArrayBuffer; ms: number }> {
  worker ??= new Worker(workerUrl);
  const id = nextId++;
  const current = worker;
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<PdfResponse>) => {
      if (event.data.id !== id) return;
      current.removeEventListener('message', onMessage);
      current.removeEventListener('error', onError);
      if (event.data.ok) resolve({ bytes: event.data.bytes, ms: event.data.ms });
      else reject(new Error(event.data.message));
    };
    const onError = (event: ErrorEvent) => {
      current.removeEventListener('message', onMessage);
      current.removeEventListener('error', onError);
      worker = null;
      reject(
        new Error(`The PDF maker could not start on this device (${event.message || 'worker failed'}).`),
      );
    };
    current.addEventListener('message', onMessage);
    current.addEventListener('error', onError);
    current.postMessage({ id, job } satisfies PdfRequest);
  });
}

/** Hands the PDF to the browser to save, named like the server's export. */
export function saveFile(bytes: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
