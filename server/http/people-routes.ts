/**
 * The production's crew and cast list (API.md PE1-PE6):
 *   GET    /productions/:id/people              any member (contact details only for producer and AD, and
 *                                               everyone's for key contacts)
 *   POST   /productions/:id/people              producer, AD
 *   PATCH  /productions/:id/people/:personId    producer, AD
 *   DELETE /productions/:id/people/:personId    producer, AD
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
  type PersonResponse,
} from '../../shared/people';
import type { Directory, Principal } from '../directory/directory';
import type { Logger } from '../logger';
import { badRequest, forbidden, notFound } from './api-error';
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
