/**
 * Script import:
 *   POST /productions/:id/import/script[?dryRun=1]   (breakdown write access)
 * The body is the script file: Final Draft as application/xml (or text/xml), Fountain as text/plain (or
 * text/x-fountain). The answer is the diff `{added, changed, omitted, unchanged, warnings}`; with dryRun
 * nothing is written, otherwise the breakdown (one update) and the schedule's boneyard (one update) change
 * as server edits every tablet receives live. Rules R1-R6 in API.md.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type * as Y from 'yjs';
import type { ApiError } from '../../shared/api-types';
import { canWrite, documentName } from '../../shared/boards';
import { readBreakdown } from '../../shared/model/breakdown';
import { ModelError } from '../../shared/model/errors';
import { readSchedule } from '../../shared/model/schedule';
import {
  applyScriptToBreakdown,
  applyScriptToSchedule,
  diffScript,
  type SceneUse,
} from '../../shared/model/script-import';
import { readShots } from '../../shared/model/shotlist';
import { MAX_SCRIPT_BYTES, parseScript, ScriptError, type ScriptFormat } from '../../shared/script';
import { tokenFromRequest, type AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';
import { ApiHttpError, badRequest, forbidden, notFound, unauthorized } from './api-error';

export interface ScriptRouterOptions {
  access: AccessResolver;
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
}

/** Script import writes carry this origin, so the sync layer treats them as the server's own edits. */
export const SCRIPT_IMPORT_ORIGIN = { source: 'server', reason: 'script-import' } as const;

const FORMATS: Record<string, ScriptFormat> = {
  'application/xml': 'fdx',
  'text/xml': 'fdx',
  'application/vnd.finaldraft.fdx': 'fdx',
  'text/plain': 'fountain',
  'text/x-fountain': 'fountain',
};

export function createScriptRouter(options: ScriptRouterOptions): express.Router {
  const { access, documents } = options;
  const router = express.Router();

  const guard = (req: Request, res: Response, next: NextFunction): void => {
    (async () => {
      const productionId = String(req.params.id);
      const token = tokenFromRequest(req.headers, undefined);
      if (!token) throw unauthorized('Sign in first: send the token as "Authorization: Bearer <token>".');
      const principal = await access.authenticate(token);
      if (!principal)
        throw unauthorized('This token is unknown, expired or revoked; ask the owner for a new invite.');
      if (principal.productionId !== productionId || !(await access.productionExists(productionId))) {
        throw notFound(`No production ${productionId} among yours.`);
      }
      if (!canWrite(await access.access(principal, 'breakdown'))) {
        throw forbidden(
          `Your role (${principal.role}) may not change the breakdown, so it may not import a script.`,
        );
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = FORMATS[type];
      if (!format) {
        throw new ApiHttpError(
          415,
          'unsupported_media_type',
          `Send a Final Draft script as Content-Type: application/xml or a Fountain script as text/plain${type ? `, not ${type}` : ''}.`,
        );
      }
      res.locals.principal = principal;
      res.locals.format = format;
      next();
    })().catch(next);
  };

  router.post(
    '/productions/:id/import/script',
    guard,
    express.text({ type: () => true, limit: MAX_SCRIPT_BYTES }),
    (req, res, next) => {
      (async () => {
        const productionId = String(req.params.id);
        if (typeof req.body !== 'string' || req.body.trim() === '')
          throw badRequest('The body is empty: send the script file.');
        const dryRun = ['1', 'true'].includes(String(req.query.dryRun ?? ''));
        const principal = res.locals.principal as Principal;
        const parsed = parseScript(req.body, res.locals.format as ScriptFormat);
        const use = await sceneUse(productionId);
        const breakdownName = documentName(productionId, 'breakdown');
        if (dryRun) {
          const breakdown = await documents.withDocument(breakdownName, readBreakdown);
          res.status(200).json(diffScript(breakdown, parsed.scenes, use, parsed.warnings));
          return;
        }
        const origin = { ...SCRIPT_IMPORT_ORIGIN, memberId: principal.memberId };
        const result = await documents.withDocument(breakdownName, (doc) =>
          applyScriptToBreakdown(doc, parsed.scenes, use, parsed.warnings, origin),
        );
        await documents.withDocument(documentName(productionId, 'schedule'), (doc) =>
          applyScriptToSchedule(doc, result.schedule, origin),
        );
        res.status(200).json(result.diff);
      })().catch(next);
    },
  );

  /** How many strips and shots each scene has: a revision may omit those scenes, never delete them. */
  async function sceneUse(productionId: string): Promise<SceneUse> {
    const count = (ids: string[]) => {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      return counts;
    };
    const strips = await documents.withDocument(documentName(productionId, 'schedule'), (doc) =>
      count(readSchedule(doc).strips.map((s) => s.sceneId)),
    );
    const shots = await documents.withDocument(documentName(productionId, 'shotlist'), (doc) =>
      count(readShots(doc).map((s) => s.sceneId)),
    );
    return { strips, shots };
  }

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const send = (status: number, code: ApiError['error']['code'], message: string) =>
      res.status(status).json({ error: { code, message } } satisfies ApiError);
    if (error instanceof ApiHttpError) return send(error.status, error.code, error.message);
    if (error instanceof ScriptError) {
      return error.kind === 'too_large'
        ? send(413, 'payload_too_large', `The script was not imported: ${error.message}.`)
        : send(400, 'bad_request', `The script was not imported: ${error.message}.`);
    }
    if (error instanceof ModelError)
      return send(400, 'bad_request', `The script was not imported: ${error.message}.`);
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      return send(
        413,
        'payload_too_large',
        `The script is larger than ${MAX_SCRIPT_BYTES / 1024 / 1024} MB.`,
      );
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return send(415, 'unsupported_media_type', 'Send the script as UTF-8 text without compression.');
    }
    return next(error);
  });

  return router;
}
