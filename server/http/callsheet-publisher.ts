/**
 * Publishing a day's call sheet: the sheet is derived once (callsheet-source.ts, the same derivation as the
 * screen and the PDF), kept as an approved version of the call sheet board plus the derived JSON with the
 * revision (immutable from then on), each person's own part compared with the previous revision (re-asked
 * when it changed, shared/calc/callsheet-changes.ts), personal links issued to those without one for the day,
 * e-mails sent when a mailer is configured, and every recipient's status sent to the AD and producer.
 */
import * as Y from 'yjs';
import { documentName } from '../../shared/boards';
import type { CallSheet } from '../../shared/calc/call-sheet';
import {
  ownChanges,
  personalPart,
  sheetChanges,
  type PersonalPart,
} from '../../shared/calc/callsheet-changes';
import type { CallSheetStatusEvent, PublishResponse, RevisionInfo } from '../../shared/callsheet-api';
import { newId } from '../../shared/model/ydoc';
import type { PdfJob } from '../../shared/pdf';
import type { Person } from '../../shared/people';
import { revisionColour } from '../../shared/revision-colours';
import type { NewRecipient, RecipientRecord, RevisionRecord } from '../directory/callsheet-records';
import type { Directory, Principal } from '../directory/directory';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import type { VersionStore } from '../storage/version-store';
import { conflict, notFound } from './api-error';
import { loadCallSheet, type CallSheetSources } from './callsheet-source';
import type { PdfRenderer } from './pdf-renderer';

/** Sends `callsheet:status` to the production's AD and producer members (set channel, S13). */
export type StatusNotifier = (productionId: string, event: CallSheetStatusEvent) => void;

export interface CallSheetPublisherOptions {
  directory: Directory;
  versions: VersionStore;
  documents: CallSheetSources['documents'];
  renderer: PdfRenderer;
  /** Undefined without `SMTP_URL`: nothing is e-mailed. */
  mailer?: Mailer | undefined;
  notify: StatusNotifier;
  logger: Logger;
  now?: () => number;
}

export const linkUrl = (origin: string, code: string) => `${origin}/c/${encodeURIComponent(code)}`;

export const revisionInfo = (r: RevisionRecord): RevisionInfo => ({
  n: r.n,
  colour: r.colour,
  publishedAt: new Date(r.publishedAt).toISOString(),
  by: r.by,
  note: r.note,
});

/** The PDF of a published revision, from its stored sheet: the same bytes' content on every render. */
export function revisionPdfJob(revision: RevisionRecord, highlightPersonId?: string): PdfJob {
  const sheet = revision.sheet as CallSheet;
  return {
    board: 'callsheet',
    input: {
      production: sheet.production,
      date: new Date(revision.publishedAt).toISOString().slice(0, 10),
      paper: 'a4',
      sheet,
      dayNumber: revision.day,
      options: {
        revision: { n: revision.n, colour: revision.colour },
        ...(highlightPersonId ? { highlightPersonId } : {}),
      },
    },
  };
}

/** A person's part as stored with their recipient row. */
const partOf = (record: RecipientRecord | undefined): PersonalPart | null =>
  record ? (record.part as PersonalPart) : null;

export function createCallSheetPublisher(options: CallSheetPublisherOptions) {
  const { directory, versions, documents, renderer, mailer, notify, logger } = options;
  const now = options.now ?? Date.now;
  const records = directory.callSheets;
  // Two publishes of one day on this instance run one after the other; across instances the store refuses
  // the second revision number (409).
  const running = new Map<string, Promise<unknown>>();
  function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = running.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    running.set(key, settled);
    void settled.then(() => {
      if (running.get(key) === settled) running.delete(key);
    });
    return next;
  }

  function statusEvent(
    day: number,
    n: number,
    r: { personId: string; name: string; status: string },
    at: number,
  ) {
    return {
      day,
      revision: n,
      personId: r.personId,
      name: r.name,
      status: r.status,
      at: new Date(at).toISOString(),
    } as CallSheetStatusEvent;
  }

  async function mailRevision(
    revision: RevisionRecord,
    people: Person[],
    urls: Map<string, string>,
  ): Promise<Map<string, { status: 'delivered' | 'failed'; reason: string | null; at: number }>> {
    const deliveries = new Map<
      string,
      { status: 'delivered' | 'failed'; reason: string | null; at: number }
    >();
    const addressed = people.filter((p) => p.email !== null);
    if (!mailer || addressed.length === 0) return deliveries;
    // One PDF for everyone: a personal copy each would multiply the render time by the crew's size, and the
    // personal link marks the person's own scenes.
    const job = revisionPdfJob(revision);
    const pdf = await renderer.render(job);
    const sheet = revision.sheet as CallSheet;
    const filename = `${sheet.production.replace(/[^A-Za-z0-9]+/g, '-')}-day-${revision.day}-rev-${revision.n}.pdf`;
    await Promise.all(
      addressed.map(async (person) => {
        const url = urls.get(person.id);
        const lines = [
          `${sheet.production}: call sheet for ${sheet.day.label}, ${sheet.day.date}.`,
          `Revision ${revision.n} (${revision.colour}).${revision.note ? ` ${revision.note}` : ''}`,
          '',
          url
            ? `Your personal call sheet, to open on your phone and confirm: ${url}`
            : 'Your personal link from the first call sheet e-mail for this day shows this revision; confirm there.',
          '',
          'The call sheet is attached as a PDF.',
        ];
        const outcome = await mailer.send({
          to: person.email!,
          subject: `${sheet.production} — call sheet ${sheet.day.label}, revision ${revision.n} (${revision.colour})`,
          text: lines.join('\n'),
          attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
        });
        const delivery = outcome.ok
          ? { status: 'delivered' as const, reason: null, at: now() }
          : { status: 'failed' as const, reason: outcome.reason, at: now() };
        deliveries.set(person.id, delivery);
        await records.recordCallSheetDelivery(
          revision.productionId,
          revision.day,
          revision.n,
          person.id,
          delivery,
        );
        if (!outcome.ok) {
          logger.warn(
            { productionId: revision.productionId, personId: person.id, reason: outcome.reason },
            'call sheet e-mail failed',
          );
        }
      }),
    );
    return deliveries;
  }

  async function publish(
    principal: Principal,
    day: number,
    note: string | null,
    origin: string,
  ): Promise<PublishResponse> {
    const productionId = principal.productionId;
    return serial(`${productionId}/${day}`, async () => {
      const publishedAt = now();
      const loaded = await loadCallSheet(
        {
          documents,
          productionName: async (id) => (await directory.getProduction(id))?.name ?? null,
          people: (id) => directory.listPeople(id),
        },
        productionId,
        day,
        new Date(publishedAt).toISOString().slice(0, 10),
      );
      const { sheet, people } = loaded;
      if (!sheet) throw notFound(`There is no shooting day ${day} in this production's schedule.`);

      const history = await records.listCallSheetRevisions(productionId, day);
      const previous = history[0] ?? null;
      const n = (previous?.n ?? 0) + 1;
      const colour = revisionColour(n);

      // The board as it was: an approved version, so the versions panel lists every published revision.
      const docName = documentName(productionId, 'callsheet');
      const by = { id: principal.memberId, name: principal.name };
      const state = await documents.withDocument(docName, (doc) => Y.encodeStateAsUpdate(doc));
      const version = await versions.createVersion({
        id: newId(),
        docName,
        name: `Day ${day} call sheet, revision ${n} (${colour})`,
        note,
        createdAt: publishedAt,
        createdBy: by,
        state,
      });
      await versions.approveVersion(docName, version.id, publishedAt, by);

      const before = new Map((previous?.recipients ?? []).map((r) => [r.personId, r]));
      const recipients: NewRecipient[] = people.map((person) => {
        const part = personalPart(sheet, person);
        const old = before.get(person.id);
        const own = previous
          ? ownChanges(old ? { sheet: previous.sheet as CallSheet, part: partOf(old)! } : null, {
              sheet,
              part,
            }).map((c) => c.text)
          : [];
        const keeps = old?.status === 'confirmed' && own.length === 0;
        return {
          personId: person.id,
          name: person.name,
          department: person.department,
          title: person.title,
          status: keeps ? 'confirmed' : 'sent',
          confirmedAt: keeps ? old.confirmedAt : null,
          part,
          ownChanges: own,
        };
      });
      const revision: RevisionRecord = {
        productionId,
        day,
        n,
        colour,
        publishedAt,
        by,
        note,
        versionId: version.id,
        sheet,
      };
      if (!(await records.addCallSheetRevision(revision, recipients))) {
        throw conflict(`Revision ${n} of day ${day} was just published by someone else; publish again.`);
      }

      const holders = await records.callSheetLinkHolders(productionId, day);
      const urls = new Map<string, string>();
      for (const person of people) {
        if (holders.has(person.id)) continue;
        urls.set(person.id, linkUrl(origin, await records.issueCallSheetLink(productionId, day, person.id)));
      }
      for (const r of recipients) notify(productionId, statusEvent(day, n, r, publishedAt));
      const deliveries = await mailRevision(revision, people, urls);
      logger.info(
        { productionId, day, revision: n, recipients: recipients.length, emailed: deliveries.size },
        'call sheet published',
      );
      return {
        revision: revisionInfo(revision),
        recipients: recipients.map((r) => ({
          personId: r.personId,
          name: r.name,
          url: urls.get(r.personId) ?? null,
          status: r.status,
          delivery: (() => {
            const d = deliveries.get(r.personId);
            return d ? { ...d, at: new Date(d.at).toISOString() } : null;
          })(),
        })),
      };
    });
  }

  /** What changed on the sheet from the revision before `n` (none for the first). */
  async function changesSince(productionId: string, day: number, n: number): Promise<string[]> {
    if (n <= 1) return [];
    const history = await records.listCallSheetRevisions(productionId, day);
    const current = history.find((r) => r.n === n);
    const previous = history.find((r) => r.n === n - 1);
    return current && previous ? sheetChanges(previous.sheet as CallSheet, current.sheet as CallSheet) : [];
  }

  return { publish, changesSince, statusEvent };
}

export type CallSheetPublisher = ReturnType<typeof createCallSheetPublisher>;
