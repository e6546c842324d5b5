/**
 * PDF export of every board: `GET /productions/:id/boards/:board/export.pdf` (mounted at `/api`), with the
 * authentication and permissions of the CSV export: `Authorization: Bearer`, or a signed link made for this
 * URL (POST /api/productions/:id/links); read access to the board, no bytes otherwise. The documents are built by the
 * shared builders (shared/pdf), the same ones the tablet runs offline, and rendered here with pdfmake.
 * Rules P1-P6 in API.md.
 */
import express, { type Request } from 'express';
import { readFile } from 'node:fs/promises';
import type * as Y from 'yjs';
import { BOARDS, canRead, documentName, isBoard, type Board } from '../../shared/boards';
import type { Person } from '../../shared/people';
import { readBreakdown, type Breakdown } from '../../shared/model/breakdown';
import { readCostReport } from '../../shared/model/costreport';
import { readMoodboard } from '../../shared/model/moodboard';
import { readSchedule, type Schedule } from '../../shared/model/schedule';
import { readShots, type Shot } from '../../shared/model/shotlist';
import {
  isPaper,
  jobFileName,
  paperForLocale,
  PdfOptionError,
  PERIOD_KINDS,
  SCHEDULE_VIEWS,
  type Paper,
  type PdfJob,
} from '../../shared/pdf';
import type { AccessResolver } from '../auth/access';
import { LINK_PARAMS } from '../auth/signed-links';
import type { Directory, Principal } from '../directory/directory';
import { loadDprReport } from './dpr-report';
import { createBlobStore } from '../storage/blob-store';
import { badRequest, forbidden, notFound } from './api-error';
import { principalForLink, type LinkAuth } from './principal';
import type { PdfRenderer } from './pdf-renderer';
import { loadCallSheet } from './callsheet-source';
import type { VersionStore } from '../storage/version-store';
import { readBudgetLock } from './budget-lock';

export interface PdfRouterOptions {
  access: AccessResolver;
  /** Signed links, for a browser that opens the export as a plain URL. */
  linkAuth: LinkAuth;
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
  /** The production's name for the title block and the file name. */
  productionName(productionId: string): Promise<string | null>;
  /** Where uploaded images live (storyboard thumbnails, mood board images). */
  dataDir: string;
  /** Renders jobs off the main thread (`createPdfRenderer`). */
  renderer: PdfRenderer;
  /** The crew and cast list (the call sheet's crew calls and key contacts). */
  people(productionId: string): Promise<Person[]>;
  /** Named versions: the cost report's Budget column reads the budget lock when one exists. */
  versions?: VersionStore;
  /** The production report's sign-off of a day (its state is printed); a draft when not given. */
  dprSignoff?: Directory['getDprSignoff'];
  /** Today's date (the copy's date and the default cost-report period); injectable for tests. */
  today?: () => string;
}

/** The query parameters each board takes (`paper` everywhere). */
export const PDF_PARAMETERS: Record<Board, readonly string[]> = {
  shotlist: ['order', 'day', 'cut', 'images', 'paper'],
  schedule: ['view', 'paper'],
  breakdown: ['paper'],
  costreport: ['period', 'date', 'paper'],
  moodboard: ['board', 'paper'],
  callsheet: ['day', 'paper'],
  dpr: ['day', 'paper'],
};

/** Images embedded in one document at most: a contact sheet, not an archive. */
const MAX_IMAGES = 300;
const IMAGE_ID = /([0-9a-f]{64})(?:[?#].*)?$/;

type Query = Record<string, string>;
/** A signed link's own parameters (checked by principalForLink), not the document's. */
const SIGNED_LINK_PARAMETERS = new Set<string>(Object.values(LINK_PARAMS));

function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T {
  const value = query[name];
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`${name} must be ${allowed.join(' or ')}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

/** Each parameter at most once, as a string, and only those this board takes. */
function parseQuery(req: Request, board: Board): Query {
  const out: Query = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (SIGNED_LINK_PARAMETERS.has(name)) continue;
    if (!PDF_PARAMETERS[board].includes(name)) {
      throw badRequest(
        `${name} is not a parameter of the ${board} PDF; it takes ${PDF_PARAMETERS[board].join(', ')}.`,
      );
    }
    if (typeof value !== 'string') throw badRequest(`${name} must be given once, as a single value.`);
    out[name] = value;
  }
  return out;
}

function isoDate(value: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw badRequest(`${name} must be a date YYYY-MM-DD; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function createPdfRouter(options: PdfRouterOptions): express.Router {
  const { access, documents, renderer } = options;
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const blobs = createBlobStore({ dataDir: options.dataDir });
  const router = express.Router();

  async function authorise(
    req: Request,
  ): Promise<{ principal: Principal; productionId: string; board: Board }> {
    const productionId = String(req.params.id);
    const board = String(req.params.board);
    const principal = await principalForLink(options.linkAuth, req, productionId);
    if (principal.productionId !== productionId || !(await access.productionExists(productionId))) {
      throw notFound(`No production ${productionId} among yours.`);
    }
    if (!isBoard(board)) throw notFound(`No board ${board}; boards are ${BOARDS.join(', ')}.`);
    if (!canRead(await access.access(principal, board))) {
      throw forbidden(`Your role (${principal.role}) may not read the ${board} board.`);
    }
    return { principal, productionId, board };
  }

  /** Another board this member may read, read as plain data; null when their role may not. */
  async function companion<T>(
    principal: Principal,
    productionId: string,
    board: Board,
    read: (doc: Y.Doc) => T,
  ): Promise<T | null> {
    if (!canRead(await access.access(principal, board))) return null;
    return documents.withDocument(documentName(productionId, board), read);
  }

  /** Data URLs of the PNG and JPEG images among `refs` (pdfmake embeds no other type). */
  async function imageData(productionId: string, refs: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const ref of [...new Set(refs)].slice(0, MAX_IMAGES)) {
      const id = IMAGE_ID.exec(ref)?.[1];
      const blob = id === undefined ? null : await blobs.locate(productionId, id);
      if (!blob || (blob.contentType !== 'image/png' && blob.contentType !== 'image/jpeg')) continue;
      out.set(ref, `data:${blob.contentType};base64,${(await readFile(blob.path)).toString('base64')}`);
    }
    return out;
  }

  router.get('/productions/:id/boards/:board/export.pdf', (req, res, next) => {
    (async () => {
      const { principal, productionId, board } = await authorise(req);
      const query = parseQuery(req, board);
      const paper: Paper =
        query.paper === undefined
          ? paperForLocale(req.acceptsLanguages()[0])
          : isPaper(query.paper)
            ? query.paper
            : (() => {
                throw badRequest(`paper must be a4 or letter; got ${JSON.stringify(query.paper)}.`);
              })();
      const production = (await options.productionName(productionId)) ?? productionId;
      const date = today();
      const base = { production, date, paper };
      const own = <T>(read: (doc: Y.Doc) => T) =>
        documents.withDocument(documentName(productionId, board), read);
      const breakdownOf = () => companion<Breakdown>(principal, productionId, 'breakdown', readBreakdown);
      const scheduleOf = () => companion<Schedule>(principal, productionId, 'schedule', readSchedule);

      let job: PdfJob;
      let day: number | null = null;
      if (query.day !== undefined) {
        if (!/^[1-9]\d{0,3}$/.test(query.day))
          throw badRequest(`day must be a shooting day number 1, 2, 3...; got ${JSON.stringify(query.day)}.`);
        day = Number(query.day);
      }
      if (board === 'shotlist') {
        const order = oneOf(query, 'order', ['script', 'shooting'] as const, 'script');
        const cut = oneOf(query, 'cut', ['omit', 'grey'] as const, 'omit');
        const images = oneOf(query, 'images', ['0', '1'] as const, '0') === '1';
        const shots = await own<Shot[]>((doc) => readShots(doc, 'script'));
        job = {
          board,
          input: {
            ...base,
            shots,
            breakdown: await breakdownOf(),
            schedule: day === null ? null : await scheduleOf(),
            options: { order, day, cut, images },
            ...(images
              ? {
                  images: await imageData(
                    productionId,
                    shots.flatMap((s) => s.storyboard.slice(0, 1)),
                  ),
                }
              : {}),
          },
        };
      } else if (board === 'schedule') {
        const view = oneOf(query, 'view', SCHEDULE_VIEWS, 'stripboard');
        job = {
          board,
          input: { ...base, schedule: await own(readSchedule), breakdown: await breakdownOf(), view },
        };
      } else if (board === 'breakdown') {
        job = {
          board,
          input: {
            ...base,
            breakdown: await own(readBreakdown),
            schedule: await scheduleOf(),
            shots: await companion(principal, productionId, 'shotlist', (doc) => readShots(doc, 'script')),
          },
        };
      } else if (board === 'costreport') {
        const periodKind = oneOf(query, 'period', PERIOD_KINDS, 'week');
        const periodDate = query.date === undefined ? date : isoDate(query.date, 'date');
        const lock = options.versions ? await readBudgetLock(options.versions, productionId) : null;
        job = {
          board,
          input: {
            ...base,
            data: await own(readCostReport),
            periodKind,
            periodDate,
            lock: lock ? { name: lock.name, budgets: [...lock.budgets] } : null,
          },
        };
      } else if (board === 'callsheet') {
        // The sheet is built from the schedule and the breakdown: a role that may read neither gets no sheet.
        for (const needed of ['schedule', 'breakdown'] as const) {
          if (!canRead(await access.access(principal, needed)))
            throw forbidden(
              `The call sheet is built from the ${needed}, which your role (${principal.role}) may not read.`,
            );
        }
        const loaded = await loadCallSheet(options, productionId, day, date);
        job = { board, input: { ...base, sheet: loaded.sheet, dayNumber: loaded.dayNumber } };
      } else if (board === 'dpr') {
        const dayText = query.day ?? '1';
        if (!/^[1-9]\d{0,3}$/.test(dayText))
          throw badRequest(`day must be a shooting day number 1, 2, 3...; got ${JSON.stringify(dayText)}.`);
        const loaded = await loadDprReport(
          { access, documents },
          principal,
          productionId,
          production,
          Number(dayText),
        );
        if (!loaded) throw badRequest(`day: there is no shooting day ${dayText} in the schedule.`);
        const record = (await options.dprSignoff?.(productionId, loaded.day.id)) ?? null;
        job = {
          board,
          input: {
            ...base,
            report: loaded.report,
            state: record?.state ?? 'draft',
            signoff: {
              at: record ? record.at.toISOString() : null,
              by: record?.by ?? null,
              comment: record?.comment ?? null,
            },
          },
        };
      } else {
        const moodboard = await own(readMoodboard);
        const boardId = query.board ?? null;
        const cards = moodboard.cards.filter((c) => boardId === null || c.boardId === boardId);
        job = {
          board,
          input: {
            ...base,
            moodboard,
            boardId,
            breakdown: await breakdownOf(),
            images: await imageData(
              productionId,
              cards.flatMap((c) => (c.image === null ? [] : [c.image])),
            ),
          },
        };
      }
      let pdf: Buffer;
      try {
        pdf = await renderer.render(job);
      } catch (error) {
        if (error instanceof PdfOptionError) throw badRequest(error.message);
        throw error;
      }
      res
        .status(200)
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="${jobFileName(job)}"`)
        .set('Cache-Control', 'no-store')
        .send(pdf);
    })().catch(next);
  });

  return router;
}
