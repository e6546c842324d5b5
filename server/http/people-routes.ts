/**
 * The production's crew and cast list (API.md PE1-PE6):
 *   GET    /productions/:id/people              any member (contact details only for producer and AD, and
 *                                               everyone's for key contacts)
 *   POST   /productions/:id/people              producer, AD
 *   PATCH  /productions/:id/people/:personId    producer, AD
 *   DELETE /productions/:id/people/:personId    producer, AD
 *   GET    /productions/:id/people/export.csv   any member (what GET shows them), as CSV (PE7)
 *   POST   /productions/:id/people/import.csv   producer, AD: adds and updates people from CSV (PE8)
 * Kept in the directory, not in a board document: a CRDT document cannot hide a field from a reader.
 */
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../shared/boards';
import {
  PERSON_LIMITS,
  type PeopleResponse,
  type Person,
  type PersonInput,
  type PeopleImportResponse,
  type PersonResponse,
} from '../../shared/people';
import { CsvError, CsvImportError } from '../../shared/csv/errors';
import {
  exportPeople,
  parsePeople,
  planPeopleImport,
  type PeopleImportPlan,
  type PeopleRow,
} from '../../shared/csv/people';
import type { Directory, Principal } from '../directory/directory';
import type { Logger } from '../logger';
import { ApiHttpError, badRequest, forbidden, notFound } from './api-error';
import { requireJson } from './api-router';
import { requireMemberOf, requirePrincipal } from './principal';
import { nameSchema, parseBody } from './validation';

export interface PeopleRouterOptions {
  directory: Directory;
  logger: Logger;
}

/** Who may see every phone number and e-mail address and change the list. */
const LIST_KEEPERS: readonly Role[] = ['producer', 'ad'];

export function keepsTheList(principal: Principal): boolean {
  return LIST_KEEPERS.includes(principal.role);
}

// Control characters would corrupt the call sheet, CSV exports and log lines.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An optional text field: trimmed; empty or null clears it. */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), 'must not contain control characters')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
}

const phoneSchema = z
  .string()
  .trim()
  .max(PERSON_LIMITS.phoneMax, `must be at most ${PERSON_LIMITS.phoneMax} characters`)
  .refine(
    (v) => v === '' || (/^[0-9+()./\s-]+$/.test(v) && /[0-9]/.test(v)),
    'must be a phone number: digits, spaces and + ( ) - . /',
  )
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

const emailSchema = z
  .union([
    z.literal(''),
    z
      .email('must be an e-mail address such as name@example.com')
      .max(PERSON_LIMITS.emailMax, `must be at most ${PERSON_LIMITS.emailMax} characters`),
  ])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

const personFields = {
  name: nameSchema,
  department: optionalText(PERSON_LIMITS.textMax),
  title: optionalText(PERSON_LIMITS.textMax),
  phone: phoneSchema,
  email: emailSchema,
  castBilling: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(PERSON_LIMITS.castBillingMax, `must be at most ${PERSON_LIMITS.castBillingMax}`)
    .nullable()
    .optional(),
  memberId: z.string().min(1, 'must not be empty').max(100, 'is not a member id').nullable().optional(),
  callOffsetMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(-PERSON_LIMITS.callOffsetMaxMinutes, `must be at least -${PERSON_LIMITS.callOffsetMaxMinutes}`)
    .max(PERSON_LIMITS.callOffsetMaxMinutes, `must be at most ${PERSON_LIMITS.callOffsetMaxMinutes}`)
    .nullable()
    .optional(),
  keyContact: z.boolean().optional(),
};

export const createPersonBody = z.strictObject(personFields);

export const patchPersonBody = z
  .strictObject({ ...personFields, name: nameSchema.optional() })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    message: 'send at least one field to change',
  });

/** Largest people CSV accepted: some thousand rows. */
const MAX_IMPORT_BYTES = 512 * 1024;

/** Each row through the POST rules (PE5), every problem named by row and column; the bodies as the rules left them. */
function checkRows({ rows, problems: found }: { rows: PeopleRow[]; problems: CsvError[] }): PeopleRow[] {
  const problems: CsvError[] = [...found];
  const checked = rows.map((row) => {
    const parsed = createPersonBody.safeParse(row.body);
    if (parsed.success) return { ...row, body: parsed.data as Record<string, unknown> };
    for (const issue of parsed.error.issues) {
      problems.push(new CsvError(row.row, String(issue.path[0] ?? 'name'), issue.message));
    }
    return row;
  });
  if (problems.length > 0) throw new CsvImportError(problems.sort((a, b) => a.row - b.row));
  return checked;
}

/** What a member who does not keep the list sees: no phone or e-mail except key contacts'. */
export function personFor(principal: Principal, person: Person): Person {
  if (keepsTheList(principal) || person.keyContact) return person;
  return { ...person, phone: null, email: null };
}

function routeParam(req: { params: Record<string, string | undefined> }, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}

export function createPeopleRouter(options: PeopleRouterOptions): Router {
  const { directory, logger } = options;
  const router = express.Router();
  const parseJson = express.json({ limit: 16 * 1024 });
  const json: RequestHandler<Record<string, string>> = (req, res, next) =>
    requireJson(req, res, (err?: unknown) => (err ? next(err) : parseJson(req, res, next)));

  router.use('/productions/:id/people', (_req, res, next) => {
    // Phone numbers and e-mail addresses: no cache may keep them.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/productions/:id/people', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, routeParam(req, 'id'));
    const people = await directory.listPeople(principal.productionId);
    res.json({ people: people.map((p) => personFor(principal, p)) } satisfies PeopleResponse);
  });

  router.get('/productions/:id/people/export.csv', async (req, res) => {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, routeParam(req, 'id'));
    const people = await directory.listPeople(principal.productionId);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="crew-and-cast.csv"')
      .send(exportPeople(people.map((p) => personFor(principal, p))));
  });

  const csvText = express.text({ type: 'text/csv', limit: MAX_IMPORT_BYTES });
  router.post('/productions/:id/people/import.csv', async (req, res) => {
    const principal = await requireKeeper(req);
    if (!req.is('text/csv'))
      throw new ApiHttpError(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv.');
    await new Promise<void>((resolve, reject) =>
      csvText(req, res, (error?: unknown) => (error ? reject(error as Error) : resolve())),
    ).catch((error: { type?: string }) => {
      if (error.type === 'entity.too.large')
        throw new ApiHttpError(
          413,
          'payload_too_large',
          `The file is larger than ${MAX_IMPORT_BYTES / 1024} KB.`,
        );
      throw error;
    });
    if (typeof req.body !== 'string') throw badRequest('The body must be CSV text.');
    const existing = await directory.listPeople(principal.productionId);
    let plan: PeopleImportPlan;
    try {
      plan = planPeopleImport(checkRows(parsePeople(req.body)), existing);
    } catch (error) {
      if (error instanceof CsvImportError) throw badRequest(error.message);
      throw error;
    }
    // Every row was checked above, so what follows are only the store's own writes.
    for (const row of plan.update)
      await directory.updatePerson(principal.productionId, row.personId, row.body as Partial<PersonInput>);
    for (const row of plan.add) await directory.createPerson(principal.productionId, row.body as PersonInput);
    logger.info(
      { productionId: principal.productionId, added: plan.add.length, updated: plan.update.length },
      'people imported',
    );
    res.json({
      imported: { added: plan.add.length, updated: plan.update.length },
      people: await directory.listPeople(principal.productionId),
    } satisfies PeopleImportResponse);
  });

  router.post('/productions/:id/people', json, async (req, res) => {
    const principal = await requireKeeper(req);
    const input = parseBody(createPersonBody, req.body) as PersonInput;
    await checkMember(principal, input.memberId);
    const person = await directory.createPerson(principal.productionId, input);
    logger.info({ productionId: principal.productionId, personId: person.id }, 'person added');
    res.status(201).json({ person } satisfies PersonResponse);
  });

  router.patch('/productions/:id/people/:personId', json, async (req, res) => {
    const principal = await requireKeeper(req);
    const personId = routeParam(req, 'personId');
    const patch = parseBody(patchPersonBody, req.body) as Partial<PersonInput>;
    await checkMember(principal, patch.memberId);
    const person = await directory.updatePerson(principal.productionId, personId, patch);
    if (!person) throw notFound(`No person ${personId} on this production's list.`);
    logger.info({ productionId: principal.productionId, personId }, 'person changed');
    res.json({ person } satisfies PersonResponse);
  });

  router.delete('/productions/:id/people/:personId', async (req, res) => {
    const principal = await requireKeeper(req);
    const personId = routeParam(req, 'personId');
    if (!(await directory.deletePerson(principal.productionId, personId))) {
      throw notFound(`No person ${personId} on this production's list.`);
    }
    logger.info({ productionId: principal.productionId, personId }, 'person removed');
    res.status(204).end();
  });

  return router;

  async function requireKeeper(req: express.Request<Record<string, string>>): Promise<Principal> {
    const principal = await requirePrincipal(directory, req);
    requireMemberOf(principal, routeParam(req, 'id'));
    if (!keepsTheList(principal)) {
      throw forbidden('Only the producer and the AD can change the crew and cast list.');
    }
    return principal;
  }

  /** A person linked to an app account must be linked to an active member of this production. */
  async function checkMember(principal: Principal, memberId: string | null | undefined): Promise<void> {
    if (memberId === undefined || memberId === null) return;
    const members = await directory.listMembers(principal.productionId);
    if (!members.some((m) => m.id === memberId)) {
      throw badRequest(`Invalid request body: memberId: no active member ${memberId} in this production`);
    }
  }
}
