/**
 * CSV export and import of board documents:
 *   GET  /productions/:id/boards/:board/export.csv  (read access)   breakdown, shotlist, schedule, costreport
 *        costreport takes ?view=report (default, with ?from=&to= for the period) or ?view=lines
 *   POST /productions/:id/boards/:board/import.csv  (write access)  breakdown, shotlist, costreport (budget lines)
 *        shotlist takes ?createScenes=1|0 (default 1 when the breakdown has no scenes)
 * The token comes from `Authorization: Bearer`; export also accepts a signed link (`principalForLink`), so a
 * browser can open it without headers. Errors are `{error: {code, message}}`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type * as Y from 'yjs';
import type { ApiError } from '../../shared/api-types';
import {
  canRead,
  canWrite,
  CSV_EXPORTS,
  CSV_IMPORTS,
  documentName,
  isBoard,
  type Board,
} from '../../shared/boards';
import { CsvImportError } from '../../shared/csv/errors';
import { exportBreakdown, importBreakdown } from '../../shared/csv/breakdown';
import { exportBudgetLines, exportCostReport, importBudgetLines } from '../../shared/csv/costreport';
import { exportSchedule } from '../../shared/csv/schedule';
import {
  addMissingToBreakdown,
  applyShotListImport,
  exportShotList,
  planShotListImport,
} from '../../shared/csv/shotlist';
import { readBreakdown, type Breakdown } from '../../shared/model/breakdown';
import { ModelError } from '../../shared/model/errors';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';
import { ApiHttpError, badRequest, forbidden, notFound, unauthorized } from './api-error';
import { principalForLink, type LinkAuth } from './principal';
import type { VersionStore } from '../storage/version-store';
import { readBudgetLock } from './budget-lock';

export interface CsvRouterOptions {
  access: AccessResolver;
  /** Resolves callers of the export route, which signed links may open. */
  linkAuth: LinkAuth;
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
  /** Named versions: the cost report's Budget column reads the budget lock when one exists. */
  versions?: VersionStore;
  /** Largest CSV body accepted on import. @default 5 MiB */
  maxImportBytes?: number;
  /** Today's date for the default cost-report period; injectable for tests. @default the UTC date now */
  today?: () => string;
}

/** Import writes carry this origin, so the sync layer can tell them from a client's edits. */
export const CSV_IMPORT_ORIGIN = { source: 'server', reason: 'csv-import' } as const;

export function createCsvRouter(options: CsvRouterOptions): express.Router {
  const { access, linkAuth, documents } = options;
  const maxImportBytes = options.maxImportBytes ?? 5 * 1024 * 1024;
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const router = express.Router();

  async function bearer(req: Request): Promise<Principal> {
    const token = tokenFromRequest(req.headers, undefined);
    if (!token) throw unauthorized('Sign in first: send the token as "Authorization: Bearer <token>".');
    const principal = await access.authenticate(token);
    if (!principal)
      throw unauthorized('This token is unknown, expired or revoked; ask the owner for a new invite.');
    return principal;
  }

  async function authorise(req: Request, need: 'read' | 'write') {
    const productionId = String(req.params.id);
    const board = String(req.params.board);
    const principal =
      need === 'read' ? await principalForLink(linkAuth, req, productionId) : await bearer(req);
    // another production's member gets the same answer as for a production that does not exist
    if (principal.productionId !== productionId || !(await access.productionExists(productionId))) {
      throw notFound(`No production ${productionId} among yours.`);
    }
    if (!isBoard(board))
      throw notFound(`No board ${board}; boards are breakdown, shotlist, schedule, moodboard, costreport.`);
    const level = await access.access(principal, board);
    if (need === 'read' ? !canRead(level) : !canWrite(level)) {
      throw forbidden(
        `Your role (${principal.role}) may not ${need === 'read' ? 'read' : 'change'} the ${board} board.`,
      );
    }
    return { principal, productionId, board };
  }

  /** The breakdown, when this member may read it, to fill scene numbers and cast; otherwise none. */
  async function breakdownFor(principal: Principal, productionId: string): Promise<Breakdown | null> {
    if (!canRead(await access.access(principal, 'breakdown'))) return null;
    return documents.withDocument(documentName(productionId, 'breakdown'), readBreakdown);
  }

  /**
   * Shot list import: scenes by number and cast by billing number. A number the breakdown lacks creates
   * the scene (and cast) when `createScenes=1`, the default for an empty breakdown; otherwise the file is
   * refused naming row and column. Creating needs breakdown write access.
   */
  async function importShots(
    principal: Principal,
    productionId: string,
    text: string,
    createParam: string,
    origin: object,
  ) {
    if (!['', '0', '1', 'true', 'false'].includes(createParam))
      throw badRequest('createScenes must be 1 or 0.');
    const breakdown = (await breakdownFor(principal, productionId)) ?? { scenes: [], cast: [] };
    const createScenes =
      createParam === '' ? breakdown.scenes.length === 0 : ['1', 'true'].includes(createParam);
    const shotlist = documentName(productionId, 'shotlist');
    const plan = await documents.withDocument(shotlist, (doc) =>
      planShotListImport(doc, text, breakdown, { createScenes }),
    );
    if (plan.newScenes.size > 0 || plan.newCast.size > 0) {
      if (!canWrite(await access.access(principal, 'breakdown'))) {
        throw forbidden(
          `The file names scenes or cast the breakdown lacks (${[...plan.newScenes.keys()].join(', ')}), and your role (${principal.role}) may not add them.`,
        );
      }
      await documents.withDocument(documentName(productionId, 'breakdown'), (doc) =>
        addMissingToBreakdown(doc, plan, origin),
      );
    }
    return documents.withDocument(shotlist, (doc) => applyShotListImport(doc, plan, origin));
  }

  router.get('/productions/:id/boards/:board/export.csv', (req, res, next) => {
    (async () => {
      const { principal, productionId, board } = await authorise(req, 'read');
      if (!CSV_EXPORTS.includes(board)) throw notFound(`There is no CSV export of the ${board} board.`);
      const breakdown =
        board === 'shotlist' || board === 'schedule' ? await breakdownFor(principal, productionId) : null;
      const view = String(req.query.view ?? 'report');
      let period = { from: today(), to: today() };
      if (board === 'costreport') {
        if (view !== 'report' && view !== 'lines') throw badRequest('view must be report or lines.');
        period = {
          from: dateParam(req.query.from, period.from, 'from'),
          to: dateParam(req.query.to, period.to, 'to'),
        };
        if (period.from > period.to) throw badRequest('The period starts (from) after it ends (to).');
      }
      const lock =
        board === 'costreport' && view === 'report' && options.versions
          ? await readBudgetLock(options.versions, productionId)
          : null;
      const csv = await documents.withDocument(documentName(productionId, board), (doc) => {
        if (board === 'breakdown') return exportBreakdown(doc);
        if (board === 'shotlist') return exportShotList(doc, breakdown ?? undefined);
        if (board === 'schedule') return exportSchedule(doc, breakdown?.scenes, breakdown?.cast);
        return view === 'lines' ? exportBudgetLines(doc) : exportCostReport(doc, period, lock);
      });
      const name = board === 'costreport' && view === 'lines' ? 'budget-lines' : board;
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}.csv"`)
        .set('Cache-Control', 'no-store')
        .send(csv);
    })().catch(next);
  });

  const guardWrite = (req: Request, res: Response, next: NextFunction): void => {
    authorise(req, 'write')
      .then(({ board, principal }) => {
        if (!CSV_IMPORTS.includes(board)) throw notFound(`The ${board} board has no CSV import.`);
        if (!req.is('text/csv'))
          throw new ApiHttpError(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv.');
        res.locals.principal = principal;
        next();
      }, next)
      .catch(next);
  };

  router.post(
    '/productions/:id/boards/:board/import.csv',
    guardWrite,
    express.text({ type: 'text/csv', limit: maxImportBytes }),
    (req, res, next) => {
      (async () => {
        const productionId = String(req.params.id);
        const board = String(req.params.board) as Board;
        if (typeof req.body !== 'string') throw badRequest('The body must be CSV text.');
        const text = req.body;
        const principal = res.locals.principal as Principal;
        const origin = { ...CSV_IMPORT_ORIGIN, memberId: principal.memberId };
        const imported =
          board === 'shotlist'
            ? await importShots(principal, productionId, text, String(req.query.createScenes ?? ''), origin)
            : await documents.withDocument(documentName(productionId, board), (doc) =>
                board === 'breakdown'
                  ? importBreakdown(doc, text, origin)
                  : importBudgetLines(doc, text, origin),
              );
        res.status(200).json({ imported });
      })().catch(next);
    },
  );

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const send = (status: number, code: ApiError['error']['code'], message: string) =>
      res.status(status).json({ error: { code, message } } satisfies ApiError);
    if (error instanceof ApiHttpError) return send(error.status, error.code, error.message);
    if (error instanceof CsvImportError) return send(400, 'bad_request', error.message);
    if (error instanceof ModelError) return send(400, 'bad_request', error.message);
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      return send(
        413,
        'payload_too_large',
        `The file is larger than ${Math.round(maxImportBytes / 1024 / 1024)} MB.`,
      );
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return send(415, 'unsupported_media_type', 'Send the file as UTF-8 text without compression.');
    }
    return next(error);
  });

  return router;
}

function dateParam(value: unknown, fallback: string, name: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(`${name} must be a date YYYY-MM-DD.`);
  }
  return value;
}
