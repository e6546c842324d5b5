/**
 * The AD's side of published call sheets (mounted at `/api`; API.md CS1-CS5):
 *   POST /productions/:id/callsheets/:day/publish                       AD, producer: a new revision
 *   GET  /productions/:id/callsheets/:day                               AD, producer: revisions and who confirmed
 *   POST /productions/:id/callsheets/:day/recipients/:personId/link     AD, producer: a new personal link
 * By role, like the crew and cast list: recipients' statuses and links name people and reach their phones.
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import {
  CALLSHEET_PUBLISHERS,
  MAX_PUBLISH_NOTE,
  type CallSheetRevisionsResponse,
  type ReissueLinkResponse,
} from '../../shared/callsheet-api';
import type { Role } from '../../shared/boards';
import type { Directory, Principal } from '../directory/directory';
import type { Logger } from '../logger';
import { badRequest, forbidden, notFound } from './api-error';
import { requestOrigin, requireJson } from './api-router';
import { linkUrl, revisionInfo, type CallSheetPublisher } from './callsheet-publisher';
import { requireMemberOf, requirePrincipal } from './principal';
import { parseBody } from './validation';

export interface PublishRouterOptions {
  directory: Directory;
  publisher: CallSheetPublisher;
  publicUrl: string | undefined;
  logger: Logger;
}

const publishBody = z.strictObject({
  note: z
    .string()
    .trim()
    .max(MAX_PUBLISH_NOTE, `must be at most ${MAX_PUBLISH_NOTE} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});

/** `:day` is a shooting day's number: 1, 2, 3 ... */
export function dayParam(req: Request): number {
  const raw = String(req.params.day);
  if (!/^[1-9]\d{0,3}$/.test(raw)) {
    throw badRequest(`day must be a shooting day number 1, 2, 3...; got ${JSON.stringify(raw)}.`);
  }
  return Number(raw);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createPublishRouter(options: PublishRouterOptions): Router {
  const { directory, publisher, logger } = options;
  const records = directory.callSheets;
  const router = express.Router();
  const parseJson = express.json({ limit: 16 * 1024 });
  const json: RequestHandler<Record<string, string>> = (req, res, next) =>
    requireJson(req, res, (err?: unknown) => (err ? next(err) : parseJson(req, res, next)));
  const base = '/productions/:id/callsheets/:day';

  router.use('/productions/:id/callsheets', (_req, res, next) => {
    // Links are shown once; statuses name people: nothing may keep or replay these answers.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  async function requirePublisher(req: Request): Promise<Principal> {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, String(req.params.id));
    if (!(CALLSHEET_PUBLISHERS as readonly Role[]).includes(principal.role)) {
      throw forbidden('Only the AD and the producer publish call sheets and see who confirmed.');
    }
    return principal;
  }

  router.post(`${base}/publish`, json, async (req, res) => {
    const principal = await requirePublisher(req);
    const day = dayParam(req);
    const { note } = parseBody(publishBody, req.body ?? {});
    const published = await publisher.publish(
      principal,
      day,
      note ?? null,
      requestOrigin(req, options.publicUrl),
    );
    res.status(201).json(published);
  });

  router.get(base, async (req, res) => {
    const principal = await requirePublisher(req);
    const day = dayParam(req);
    const [revisions, people] = await Promise.all([
      records.listCallSheetRevisions(principal.productionId, day),
      directory.listPeople(principal.productionId),
    ]);
    const withEmail = new Set(people.filter((p) => p.email !== null).map((p) => p.id));
    res.json({
      revisions: revisions.map((r) => ({
        ...revisionInfo(r),
        recipients: r.recipients.map((x) => ({
          personId: x.personId,
          name: x.name,
          status: x.status,
          openedAt: iso(x.openedAt),
          confirmedAt: iso(x.confirmedAt),
          ownChanges: x.ownChanges,
          delivery: x.delivery ? { ...x.delivery, at: new Date(x.delivery.at).toISOString() } : null,
          hasEmail: withEmail.has(x.personId),
        })),
      })),
    } satisfies CallSheetRevisionsResponse);
  });

  router.post(`${base}/recipients/:personId/link`, async (req, res) => {
    const principal = await requirePublisher(req);
    const day = dayParam(req);
    const personId = String(req.params.personId);
    const person = (await directory.listPeople(principal.productionId)).find((p) => p.id === personId);
    if (!person) throw notFound(`No person ${personId} on this production's list.`);
    const code = await records.issueCallSheetLink(principal.productionId, day, personId);
    logger.info({ productionId: principal.productionId, day, personId }, 'call sheet link reissued');
    res.status(201).json({
      personId,
      name: person.name,
      url: linkUrl(requestOrigin(req, options.publicUrl), code),
    } satisfies ReissueLinkResponse);
  });

  return router;
}
