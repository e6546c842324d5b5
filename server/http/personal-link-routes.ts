/**
 * The personal call sheet links (mounted at `/api`; API.md CS6-CS10). No account: the code in the path is
 * the credential (256 random bits, stored as a hash), so these routes take no Authorization and ignore one.
 *   GET  /callsheet/:code           the latest revision of the person's day, as they see it (marks `opened`)
 *   GET  /callsheet/:code/pdf       that revision's PDF, their call first and their scenes marked
 *   POST /callsheet/:code/confirm   they confirm the latest revision
 * An unknown, replaced or orphaned code gets one 404, the same for all three, revealing nothing.
 */
import express, { type Request, type Router } from 'express';
import type { CallSheet } from '../../shared/calc/call-sheet';
import type { PersonalPart } from '../../shared/calc/callsheet-changes';
import { personalSheet } from '../../shared/calc/personal-sheet';
import type { ConfirmResponse, PersonalSheet } from '../../shared/callsheet-api';
import { jobFileName } from '../../shared/pdf';
import type { LinkTarget, RecipientRecord, RevisionRecord } from '../directory/callsheet-records';
import type { Directory } from '../directory/directory';
import { notFound } from './api-error';
import { revisionPdfJob, type CallSheetPublisher, type StatusNotifier } from './callsheet-publisher';
import type { PdfRenderer } from './pdf-renderer';

export interface PersonalLinkRouterOptions {
  directory: Directory;
  publisher: CallSheetPublisher;
  renderer: PdfRenderer;
  notify: StatusNotifier;
  now?: () => number;
}

const NO_SHEET =
  'There is no call sheet at this link. It may have been replaced by a newer link: ask the production office.';

interface Opened {
  target: LinkTarget;
  revision: RevisionRecord;
  recipient: RecipientRecord;
}

export function createPersonalLinkRouter(options: PersonalLinkRouterOptions): Router {
  const { directory, publisher, renderer, notify } = options;
  const now = options.now ?? Date.now;
  const records = directory.callSheets;
  const router = express.Router();

  router.use('/callsheet', (_req, res, next) => {
    // A person's sheet with key contacts' phone numbers: no shared cache keeps it (the page keeps its own
    // copy for offline), and no search engine lists it.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    next();
  });

  /** The link's person on the latest revision of their day; one 404 for every way a code can fail. */
  async function open(req: Request): Promise<Opened> {
    const target = await records.resolveCallSheetLink(String(req.params.code));
    if (!target) throw notFound(NO_SHEET);
    const revision = await records.latestCallSheetRevision(target.productionId, target.day);
    const recipient =
      revision &&
      (await records.callSheetRecipient(target.productionId, target.day, revision.n, target.personId));
    if (!revision || !recipient) throw notFound(NO_SHEET);
    return { target, revision, recipient };
  }

  router.get('/callsheet/:code', async (req, res) => {
    const { target, revision, recipient } = await open(req);
    const at = now();
    const marked = await records.markCallSheetRecipient(
      target.productionId,
      target.day,
      revision.n,
      target.personId,
      'opened',
      at,
    );
    if (marked) notify(target.productionId, publisher.statusEvent(target.day, revision.n, marked, at));
    const current = marked ?? recipient;
    const body: PersonalSheet = personalSheet({
      sheet: revision.sheet as CallSheet,
      revision: {
        n: revision.n,
        colour: revision.colour,
        publishedAt: new Date(revision.publishedAt).toISOString(),
        note: revision.note,
      },
      person: { name: current.name, department: current.department, title: current.title },
      part: current.part as PersonalPart,
      status: current.status,
      ownChanges: current.ownChanges,
      changes: await publisher.changesSince(target.productionId, target.day, revision.n),
    });
    res.json(body);
  });

  router.get('/callsheet/:code/pdf', async (req, res) => {
    const { target, revision } = await open(req);
    const job = revisionPdfJob(revision, target.personId);
    const pdf = await renderer.render(job);
    res
      .status(200)
      .type('application/pdf')
      // inline: a phone shows it in its viewer rather than burying it in downloads.
      .set('Content-Disposition', `inline; filename="${jobFileName(job)}"`)
      .send(pdf);
  });

  router.post('/callsheet/:code/confirm', async (req, res) => {
    const { target, revision } = await open(req);
    const at = now();
    const marked = await records.markCallSheetRecipient(
      target.productionId,
      target.day,
      revision.n,
      target.personId,
      'confirmed',
      at,
    );
    if (marked) notify(target.productionId, publisher.statusEvent(target.day, revision.n, marked, at));
    res.json({
      status: 'confirmed',
      revision: { n: revision.n, colour: revision.colour },
    } satisfies ConfirmResponse);
  });

  return router;
}
