/**
 * The daily production report's sign-off (mounted at `/api`), rules D1-D8 in API.md:
 *   GET  /productions/:id/dpr                      readers of the dpr board: each shooting day's state
 *   GET  /productions/:id/dpr/:day                 readers: {day, state, report, signoff}
 *   POST /productions/:id/dpr/:day/submit          the AD (writer of the board)
 *   POST /productions/:id/dpr/:day/approve         the producer (writer): stores an approved version, books accruals
 *   POST /productions/:id/dpr/:day/return {comment} the producer (writer)
 * The state lives in the directory (payroll relies on it); the typed content in the `dpr` board. A step out
 * of order answers 409, decided atomically by the directory, so of two approvals at once one posts.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import * as Y from 'yjs';
import { documentName, ROLE_LABELS } from '../../shared/boards';
import {
  DPR_STEP_ROLES,
  DPR_TRANSITIONS,
  MAX_RETURN_COMMENT,
  type DprListResponse,
  type DprResponse,
  type DprStep,
} from '../../shared/dpr-api';
import { readSchedule } from '../../shared/model/schedule';
import { newId } from '../../shared/model/ydoc';
import type { AccessResolver } from '../auth/access';
import type { Directory, DprSignoffRecord } from '../directory/directory';
import type { VersionStore } from '../storage/version-store';
import { badRequest, conflict, forbidden, notFound } from './api-error';
import { boardCaller, type BoardCaller } from './board-caller';
import { bookApprovedDay } from './dpr-booking';
import { loadDprReport, type DocumentAccess, type LoadedDpr } from './dpr-report';

export interface DprRouterOptions {
  access: AccessResolver;
  directory: Pick<Directory, 'getProduction' | 'getDprSignoff' | 'listDprSignoffs' | 'moveDprSignoff'>;
  versions: VersionStore;
  documents: DocumentAccess;
  now?: () => number;
}

export function createDprRouter(options: DprRouterOptions): express.Router {
  const { access, directory, versions, documents } = options;
  const now = options.now ?? Date.now;
  const router = express.Router();
  const json = express.json({ limit: '16kb' });

  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) => {
      fn(req, res).catch(next);
    };

  const caller = (req: Request) => boardCaller(access, req, String(req.params.id), 'dpr');

  function dayNumber(req: Request): number {
    const text = String(req.params.day);
    if (!/^[1-9]\d{0,3}$/.test(text))
      throw notFound(`No shooting day ${JSON.stringify(text)}; days are numbered 1, 2, 3...`);
    return Number(text);
  }

  async function load(c: BoardCaller, day: number): Promise<LoadedDpr> {
    const name = (await directory.getProduction(c.productionId))?.name ?? c.productionId;
    const loaded = await loadDprReport({ access, documents }, c.principal, c.productionId, name, day);
    if (!loaded) throw notFound(`There is no shooting day ${day} in this production's schedule.`);
    return loaded;
  }

  function answer(loaded: LoadedDpr, record: DprSignoffRecord | null): DprResponse {
    return {
      day: loaded.report.day.number,
      state: record?.state ?? 'draft',
      report: loaded.report,
      signoff: {
        at: record ? record.at.toISOString() : null,
        by: record?.by ?? null,
        comment: record?.comment ?? null,
        versionId: record?.versionId ?? null,
      },
    };
  }

  router.get(
    '/productions/:id/dpr',
    handle(async (req, res) => {
      const c = await caller(req);
      const schedule = await documents.withDocument(documentName(c.productionId, 'schedule'), readSchedule);
      const records = new Map((await directory.listDprSignoffs(c.productionId)).map((r) => [r.dayId, r]));
      const days = schedule.days
        .filter((d) => d.kind === 'shoot')
        .map((d, i) => ({
          day: i + 1,
          dayId: d.id,
          date: d.date,
          state: records.get(d.id)?.state ?? 'draft',
        }));
      res.set('Cache-Control', 'no-store').json({ days } satisfies DprListResponse);
    }),
  );

  router.get(
    '/productions/:id/dpr/:day',
    handle(async (req, res) => {
      const c = await caller(req);
      const loaded = await load(c, dayNumber(req));
      const record = await directory.getDprSignoff(c.productionId, loaded.day.id);
      res.set('Cache-Control', 'no-store').json(answer(loaded, record));
    }),
  );

  const DONE: Record<DprStep, string> = { submit: 'submitted', approve: 'approved', return: 'returned' };

  for (const step of ['submit', 'approve', 'return'] as const) {
    router.post(
      `/productions/:id/dpr/:day/${step}`,
      json,
      handle(async (req, res) => {
        const c = await caller(req);
        const role = DPR_STEP_ROLES[step];
        if (c.principal.role !== role || c.access !== 'write') {
          throw forbidden(
            `Only the ${ROLE_LABELS[role]} (writing the production report) may ${step} it; your role is ${ROLE_LABELS[c.principal.role]}.`,
          );
        }
        const comment = step === 'return' ? parseComment(req.body) : null;
        const day = dayNumber(req);
        const loaded = await load(c, day);
        const { from, to } = DPR_TRANSITIONS[step];
        const by = { id: c.principal.memberId, name: c.principal.name };
        const versionId = step === 'approve' ? newId() : undefined;
        const record = await directory.moveDprSignoff(c.productionId, {
          dayId: loaded.day.id,
          dayNumber: day,
          from,
          to,
          at: new Date(now()),
          by,
          comment,
          ...(versionId ? { versionId } : {}),
        });
        if (!record) {
          const current = (await directory.getDprSignoff(c.productionId, loaded.day.id))?.state ?? 'draft';
          throw conflict(
            `Day ${day}'s report is ${current}; it can be ${DONE[step]} only when ${from.join(' or ')}.`,
          );
        }
        if (step === 'approve') {
          try {
            await signAndBook(c, loaded, versionId!, by);
          } catch (error) {
            // Nothing posted may look approved: put the report back to submitted, so approving again retries.
            await directory.moveDprSignoff(c.productionId, {
              dayId: loaded.day.id,
              dayNumber: day,
              from: ['approved'],
              to: 'submitted',
              at: new Date(now()),
              by,
              comment: null,
            });
            throw error;
          }
        }
        res.json(answer(loaded, record));
      }),
    );
  }

  /** An approved version of the report board, then the day's accruals in the cost report. */
  async function signAndBook(
    c: BoardCaller,
    loaded: LoadedDpr,
    versionId: string,
    by: { id: string; name: string },
  ): Promise<void> {
    const state = await documents.withDocument(c.docName, (doc) => Y.encodeStateAsUpdate(doc));
    const at = now();
    await versions.createVersion({
      id: versionId,
      docName: c.docName,
      name: `DPR ${loaded.report.day.label}, signed`,
      note: `Approved production report of ${loaded.report.day.label} (${loaded.day.date}).`,
      createdAt: at,
      createdBy: by,
      state,
    });
    await versions.approveVersion(c.docName, versionId, at, by);
    await bookApprovedDay(documents, c.productionId, loaded);
  }

  return router;
}

function parseComment(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Send a JSON object {comment} with Content-Type: application/json.');
  const { comment, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw badRequest(`Unknown field(s) ${unknown.join(', ')}; a return takes comment.`);
  if (typeof comment !== 'string' || comment.trim() === '')
    throw badRequest('comment is required: say what the AD should change.');
  if (comment.length > MAX_RETURN_COMMENT)
    throw badRequest(`comment is longer than ${MAX_RETURN_COMMENT} characters.`);
  return comment.trim();
}
