/** Payload checks for the set channel's client events: socket.io delivers whatever JSON a client sends. */
import { z } from 'zod';
import { BOARDS } from '../../shared/boards';
import { NOTIFICATION_KINDS, SET_STATUSES } from '../../shared/set-channel';

export const setStatusValueSchema = z.enum(SET_STATUSES);

export const presenceBoardSchema = z.enum(BOARDS).nullable();

export const notificationInputSchema = z
  .strictObject({
    kind: z.enum(NOTIFICATION_KINDS),
    text: z.string().trim().min(1, 'must not be empty').max(280, 'must be at most 280 characters'),
    board: z.enum(BOARDS).optional(),
  })
  // Money is for the cost report's audience only; an over-budget alert tagged with another board would reach crew.
  .refine((n) => n.kind !== 'over-budget' || n.board === undefined || n.board === 'costreport', {
    path: ['board'],
    message: 'an over-budget notification belongs to the costreport board',
  })
  .transform((n) => (n.kind === 'over-budget' ? { ...n, board: 'costreport' as const } : n));

/** A time from a notification the device has shown: ISO 8601, as the server stamped it. */
export const readUpToSchema = z.iso.datetime({ offset: true });

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'value'}: ${issue.message}`)
    .join('; ');
}
