/**
 * Named versions of every board (mounted at `/api`), rules V1-V9 in API.md:
 *   POST   /productions/:id/boards/:board/versions                          writers: save the live board
 *   GET    /productions/:id/boards/:board/versions                          readers: newest first
 *   GET    /productions/:id/boards/:board/versions/:versionId/diff?against= readers: changes by meaning
 *   GET    /productions/:id/boards/:board/versions/:versionId/content      readers: what it holds
 *   POST   /productions/:id/boards/:board/versions/:versionId/restore      writers: a forward edit
 *   POST   /productions/:id/boards/:board/versions/:versionId/approve      the cost report's producer, else writers
 *   DELETE /productions/:id/boards/:board/versions/:versionId              writers; approved ones stay (409)
 * A version is `Y.encodeStateAsUpdate` of the live document, taken through the sync service, so it holds
 * exactly what every tablet sees; a restore runs in the document's room and reaches every tablet live.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import * as Y from 'yjs';
import {
  BOARD_LABELS,
  ROLE_LABELS,
  approversOf,
  canRead,
  documentName,
  mayApprove,
  type Board,
} from '../../shared/boards';
import { readBreakdown } from '../../shared/model/breakdown';
import { readCallSheet } from '../../shared/model/callsheet';
import { readCostReport } from '../../shared/model/costreport';
import { readDpr } from '../../shared/model/dpr';
import { readMoodboard } from '../../shared/model/moodboard';
import { dayLabel, readSchedule } from '../../shared/model/schedule';
import { readShots } from '../../shared/model/shotlist';
import { newId } from '../../shared/model/ydoc';
import { diffBoard, openVersion, restoreVersion, type DiffContext } from '../../shared/versions';
import {
  MAX_VERSION_NAME,
  MAX_VERSION_NOTE,
  type RestoreVersionResponse,
  type VersionContentResponse,
  type VersionDiffResponse,
  type VersionInfo,
  type VersionListResponse,
  type VersionResponse,
} from '../../shared/versions/api';
import type { AccessResolver } from '../auth/access';
import type { Directory } from '../directory/directory';
import type { VersionRecord, VersionStore } from '../storage/version-store';
import { badRequest, conflict, forbidden, notFound } from './api-error';
import { boardCaller, type BoardCaller } from './board-caller';

export interface VersionRouterOptions {
  access: AccessResolver;
  /** Who approves: the owner's choice per board over the default rule (`mayApprove`). */
  approvals: Pick<Directory, 'getApprovers' | 'getPermissions'>;
  versions: VersionStore;
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
  now?: () => number;
}

/** Restores carry this origin, so the sync layer persists and relays them as the server's own edits. */
export const VERSION_RESTORE_ORIGIN = { source: 'server', reason: 'version-restore' } as const;

export function versionInfo(record: VersionRecord): VersionInfo {
  return {
    id: record.id,
    name: record.name,
    note: record.note,
    createdAt: new Date(record.createdAt).toISOString(),
    createdBy: record.createdBy,
    approved: record.approved
      ? { at: new Date(record.approved.at).toISOString(), by: record.approved.by }
      : null,
  };
}

type Caller = BoardCaller;

export function createVersionRouter(options: VersionRouterOptions): express.Router {
  const { access, versions, documents } = options;
  const now = options.now ?? Date.now;
  const router = express.Router();
  const json = express.json({ limit: '16kb' });

  const caller = (req: Request): Promise<Caller> =>
    boardCaller(access, req, String(req.params.id), String(req.params.board));

  function requireWrite(c: Caller, what: string): void {
    if (c.access !== 'write') {
      throw forbidden(
        `Your role (${c.principal.role}) may read the ${BOARD_LABELS[c.board]} but not ${what}.`,
      );
    }
  }

  async function found(c: Caller, versionId: string): Promise<VersionRecord> {
    const record = await versions.getVersion(c.docName, versionId);
    if (!record) throw notFound(`No version ${versionId} of this production's ${BOARD_LABELS[c.board]}.`);
    return record;
  }

  async function versionDoc(c: Caller, versionId: string): Promise<Y.Doc> {
    const state = await versions.versionState(c.docName, versionId);
    if (!state) throw notFound(`No version ${versionId} of this production's ${BOARD_LABELS[c.board]}.`);
    return openVersion(c.board, state);
  }

  /** Strips and shots name their scene; the numbers come from the live breakdown, when the caller may read it. */
  async function context(c: Caller): Promise<DiffContext> {
    if (c.board === 'callsheet' || c.board === 'dpr') return callSheetContext(c);
    if (c.board !== 'schedule' && c.board !== 'shotlist') return {};
    if (!canRead(await access.access(c.principal, 'breakdown'))) return {};
    const scenes = await documents.withDocument(
      documentName(c.productionId, 'breakdown'),
      (doc) => readBreakdown(doc).scenes,
    );
    return { sceneNumbers: new Map(scenes.map((s) => [s.id, s.number])) };
  }

  /** The call sheet and the production report name their days (from the schedule) and scenes (from the breakdown) when the caller may read them. */
  async function callSheetContext(c: Caller): Promise<DiffContext> {
    const out: { -readonly [K in keyof DiffContext]: DiffContext[K] } = {};
    if (canRead(await access.access(c.principal, 'schedule'))) {
      const schedule = await documents.withDocument(documentName(c.productionId, 'schedule'), readSchedule);
      out.dayLabels = new Map(schedule.days.map((d) => [d.id, dayLabel(schedule, d.id)]));
    }
    if (canRead(await access.access(c.principal, 'breakdown'))) {
      const scenes = await documents.withDocument(
        documentName(c.productionId, 'breakdown'),
        (doc) => readBreakdown(doc).scenes,
      );
      out.sceneNumbers = new Map(scenes.map((s) => [s.id, s.number]));
    }
    return out;
  }

  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) => {
      fn(req, res).catch(next);
    };

  const base = '/productions/:id/boards/:board/versions';

  router.post(
    base,
    json,
    handle(async (req, res) => {
      const c = await caller(req);
      requireWrite(c, 'save a version of it');
      const { name, note } = parseCreate(req.body);
      const state = await documents.withDocument(c.docName, (doc) => Y.encodeStateAsUpdate(doc));
      const record = await versions.createVersion({
        id: newId(),
        docName: c.docName,
        name,
        note,
        createdAt: now(),
        createdBy: { id: c.principal.memberId, name: c.principal.name },
        state,
      });
      res.status(201).json({ version: versionInfo(record) } satisfies VersionResponse);
    }),
  );

  router.get(
    base,
    handle(async (req, res) => {
      const c = await caller(req);
      const list = await versions.listVersions(c.docName);
      res.json({ versions: list.map(versionInfo) } satisfies VersionListResponse);
    }),
  );

  router.get(
    `${base}/:versionId/diff`,
    handle(async (req, res) => {
      const c = await caller(req);
      const against = req.query.against;
      if (typeof against !== 'string' || against === '') {
        throw badRequest('Say what to compare with: ?against=<versionId> or ?against=current.');
      }
      const before = await versionDoc(c, String(req.params.versionId));
      const ctx = await context(c);
      const changes =
        against === 'current'
          ? await documents.withDocument(c.docName, (doc) => diffBoard(c.board, before, doc, ctx))
          : diffBoard(c.board, before, await versionDoc(c, against), ctx);
      res.json({ changes } satisfies VersionDiffResponse);
    }),
  );

  router.get(
    `${base}/:versionId/content`,
    handle(async (req, res) => {
      const c = await caller(req);
      const doc = await versionDoc(c, String(req.params.versionId));
      res.json({ content: readBoard(c.board, doc) } satisfies VersionContentResponse);
    }),
  );

  router.post(
    `${base}/:versionId/restore`,
    json,
    handle(async (req, res) => {
      const c = await caller(req);
      requireWrite(c, 'restore a version of it');
      const seen = parseSeen(req.body);
      const versionId = String(req.params.versionId);
      const record = await found(c, versionId);
      const target = await versionDoc(c, versionId);
      const ctx = await context(c);
      const origin = { ...VERSION_RESTORE_ORIGIN, memberId: c.principal.memberId };
      const changes = await documents.withDocument(c.docName, (doc) => {
        const changes = diffBoard(c.board, doc, target, ctx);
        restoreVersion(c.board, doc, target, origin, seen);
        return changes;
      });
      res.json({ version: versionInfo(record), changes } satisfies RestoreVersionResponse);
    }),
  );

  router.post(
    `${base}/:versionId/approve`,
    handle(async (req, res) => {
      const c = await caller(req);
      // The producer signs off the cost report and writers the other boards (domain.md), unless the owner chose.
      const [approvers, permissions] = await Promise.all([
        options.approvals.getApprovers(c.productionId),
        options.approvals.getPermissions(c.productionId),
      ]);
      if (!mayApprove(approvers, permissions, c.principal.role, c.board)) {
        const who = approversOf(approvers, permissions)[c.board].map((role) => ROLE_LABELS[role]);
        throw forbidden(
          `Your role (${c.principal.role}) may not approve versions of the ${BOARD_LABELS[c.board]}; ` +
            (who.length ? `${who.join(', ')} may.` : 'nobody may until the owner names who approves it.'),
        );
      }
      const versionId = String(req.params.versionId);
      await found(c, versionId);
      const record = await versions.approveVersion(c.docName, versionId, now(), {
        id: c.principal.memberId,
        name: c.principal.name,
      });
      if (!record) throw notFound(`No version ${versionId} of this production's ${BOARD_LABELS[c.board]}.`);
      res.json({ version: versionInfo(record) } satisfies VersionResponse);
    }),
  );

  router.delete(
    `${base}/:versionId`,
    handle(async (req, res) => {
      const c = await caller(req);
      requireWrite(c, 'delete a version of it');
      const versionId = String(req.params.versionId);
      const outcome = await versions.deleteVersion(c.docName, versionId);
      if (outcome === 'missing')
        throw notFound(`No version ${versionId} of this production's ${BOARD_LABELS[c.board]}.`);
      if (outcome === 'approved')
        throw conflict('This version is approved; approved versions are kept for good.');
      res.status(204).end();
    }),
  );

  return router;
}

/** A board's plain content as its screen reads it. */
function readBoard(board: Board, doc: Y.Doc): unknown {
  switch (board) {
    case 'breakdown':
      return readBreakdown(doc);
    case 'shotlist':
      return { shots: readShots(doc) };
    case 'schedule':
      return readSchedule(doc);
    case 'moodboard':
      return readMoodboard(doc);
    case 'costreport':
      return readCostReport(doc);
    case 'callsheet':
      return { days: readCallSheet(doc) };
    case 'dpr':
      return readDpr(doc);
  }
}

/** The optional `{seen}` of a restore: the board's state vector as the restorer saw it, base64. */
function parseSeen(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('Send a JSON object {seen?} with Content-Type: application/json.');
  const { seen, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw badRequest(`Unknown field(s) ${unknown.join(', ')}; a restore takes seen.`);
  if (seen === undefined) return undefined;
  if (typeof seen !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(seen))
    throw badRequest('seen must be the base64 of the board state vector the restorer saw.');
  const bytes = new Uint8Array(Buffer.from(seen, 'base64'));
  try {
    Y.decodeStateVector(bytes);
  } catch {
    throw badRequest('seen is not a state vector (Y.encodeStateVector of the board).');
  }
  return bytes;
}

function parseCreate(body: unknown): { name: string; note: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Send a JSON object {name, note?} with Content-Type: application/json.');
  }
  const { name, note, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw badRequest(`Unknown field(s) ${unknown.join(', ')}; a version takes name and note.`);
  if (typeof name !== 'string' || name.trim() === '')
    throw badRequest('name is required: a non-empty string such as "Schedule v3".');
  if (name.trim().length > MAX_VERSION_NAME)
    throw badRequest(`name is longer than ${MAX_VERSION_NAME} characters.`);
  if (note !== undefined && note !== null && typeof note !== 'string')
    throw badRequest('note must be a string when given.');
  if (typeof note === 'string' && note.length > MAX_VERSION_NOTE)
    throw badRequest(`note is longer than ${MAX_VERSION_NOTE} characters.`);
  const trimmed = typeof note === 'string' ? note.trim() : '';
  return { name: name.trim(), note: trimmed === '' ? null : trimmed };
}
