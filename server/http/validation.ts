/**
 * Request body schemas. Every object is strict: an unknown field is a client bug (or a typo such as `owner`
 * for `ownerName`) and is rejected with a message that names it, rather than silently ignored.
 */
import { z } from 'zod';
import {
  ACCESS_LEVELS,
  BOARDS,
  ROLES,
  type Board,
  type PermissionMatrix,
  type Role,
} from '../../shared/boards';
import { INVITE_LIMITS } from '../../shared/api-types';
import { badRequest } from './api-error';

// Control characters would corrupt rosters, CSV exports and log lines.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A person's or production's name: trimmed, 1..80 characters, printable. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .refine((v) => !CONTROL.test(v), 'must not contain control characters');

export const roleSchema = z.enum(ROLES);

export const createProductionBody = z.strictObject({
  name: nameSchema,
  ownerName: nameSchema,
  ownerRole: roleSchema.optional(),
});

export const createInviteBody = z.strictObject({
  role: roleSchema,
  uses: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(INVITE_LIMITS.maxUses, `must be at most ${INVITE_LIMITS.maxUses}`)
    .optional(),
  // Fractions allowed (0.5 is twelve hours): an invite for this afternoon's day players should not last a day.
  expiresInDays: z
    .number()
    .positive('must be more than 0')
    .max(INVITE_LIMITS.maxDays, `must be at most ${INVITE_LIMITS.maxDays}`)
    .optional(),
});

export const joinBody = z.strictObject({
  // Long enough for any code the directory issues; bounded so a huge string is not hashed.
  code: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  name: nameSchema,
});

const accessSchema = z.enum(ACCESS_LEVELS);

function strictRecord<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>);
}

/** The whole matrix: every role, every board, nothing else. A partial matrix is rejected, not merged. */
export const permissionMatrixSchema: z.ZodType<PermissionMatrix> = strictRecord(
  ROLES as readonly Role[],
  strictRecord(BOARDS as readonly Board[], accessSchema),
);

export const putPermissionsBody = z.strictObject({ permissions: permissionMatrixSchema });

/** A11: each board a list of roles, or null for the default rule; a board left out follows the default too. */
export const putApproversBody = z.strictObject({
  approvers: z.strictObject(
    Object.fromEntries(BOARDS.map((b) => [b, z.array(z.enum(ROLES)).nullable().optional()])) as Record<
      Board,
      z.ZodOptional<z.ZodNullable<z.ZodArray<z.ZodEnum<{ [K in Role]: K }>>>>
    >,
  ),
});

/** One line per problem, each naming the field, e.g. `permissions.crew.costreport: Invalid option ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/** The parsed body, or a 400 naming each bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined) {
    throw badRequest('A JSON body is required (Content-Type: application/json).');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw badRequest(`Invalid request body: ${describeIssues(result.error)}`);
  return result.data;
}
