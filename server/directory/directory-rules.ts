/**
 * What both directory implementations agree on: input checks, expiry arithmetic, the permission matrix
 * merged over the defaults, and the error they throw. Kept here so SQLite and PostgreSQL cannot drift.
 */
import { ACCESS_LEVELS, BOARDS, DEFAULT_PERMISSIONS, ROLES, isBoard, isRole } from '../../shared/boards';
import type { Access, Approvers, PermissionMatrix, Role } from '../../shared/boards';
import { INVITE_LIMITS, type InviteRefusal } from '../../shared/api-types';
import type { Person, PersonInput } from '../../shared/people';

export type DirectoryErrorCode = 'not_found' | 'invalid' | 'gone';

/**
 * `not_found`: no such production. `invalid`: bad input (empty name, unknown role, malformed matrix).
 * `gone`: an invite that existed and can no longer be used (`InviteGoneError`).
 */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const GONE_MESSAGES: Record<InviteRefusal, string> = {
  used_up: 'This invite has been used as many times as it allows.',
  expired: 'This invite has expired.',
  revoked: 'This invite was revoked by the production’s owner.',
};

/** Redeeming an invite that is used up, expired or revoked. Unknown codes are not errors (null). */
export class InviteGoneError extends DirectoryError {
  override name = 'InviteGoneError';
  constructor(readonly reason: InviteRefusal) {
    super('gone', `${GONE_MESSAGES[reason]} Ask the owner for a new invite.`);
  }
}

/** Why a stored invite cannot be redeemed at `now`, or null when it can. Revocation wins over the rest. */
export function inviteRefusal(
  invite: { revoked: boolean; used: number; maxUses: number; expiresAt: number },
  now: number,
): InviteRefusal | null {
  if (invite.revoked) return 'revoked';
  if (invite.used >= invite.maxUses) return 'used_up';
  if (invite.expiresAt <= now) return 'expired';
  return null;
}

/** Invites issued before invites had uses were shared links; they keep working as multi-use ones. */
export const LEGACY_INVITE_USES = INVITE_LIMITS.maxUses;

/** Items by key, keeping their order (Map.groupBy arrives with Node 21). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface InviteTerms {
  role: Role;
  uses: number;
  expiresInDays: number;
}

/** An invite's role, uses and lifetime, checked; `uses` defaults to 1 (personal), the lifetime to the TTL. */
export function checkInviteTerms(
  input: { role: unknown; uses?: unknown; expiresInDays?: unknown },
  defaultDays: number,
): InviteTerms {
  const role = checkRole(input.role);
  const uses = input.uses ?? 1;
  if (!Number.isInteger(uses) || (uses as number) < 1 || (uses as number) > INVITE_LIMITS.maxUses) {
    throw new DirectoryError(
      'invalid',
      `Invite uses must be a whole number from 1 to ${INVITE_LIMITS.maxUses}`,
    );
  }
  // The default comes from validated configuration (SETBOARD_INVITE_TTL_DAYS); only a caller's value is bounded.
  if (input.expiresInDays === undefined) return { role, uses: uses as number, expiresInDays: defaultDays };
  const days = input.expiresInDays;
  if (typeof days !== 'number' || !(days > 0) || days > INVITE_LIMITS.maxDays) {
    throw new DirectoryError(
      'invalid',
      `Invite lifetime must be more than 0 and at most ${INVITE_LIMITS.maxDays} days`,
    );
  }
  return { role, uses: uses as number, expiresInDays: days };
}

export interface DirectoryOptions {
  /** Member tokens expire this many days after they are issued. @default 180 */
  tokenTtlDays?: number;
  /** Invite codes stop working this many days after they are created. @default 30 */
  inviteTtlDays?: number;
  /** The clock, injectable so tests can step past expiries. @default () => new Date() */
  now?: () => Date;
}

export const DIRECTORY_DEFAULTS = { tokenTtlDays: 180, inviteTtlDays: 30 } as const;

const DAY_MS = 86_400_000;
export const MAX_NAME_LENGTH = 200;

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** Trimmed, non-empty, bounded: names show on every member list and presence badge. */
export function checkName(value: unknown, what: string): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new DirectoryError('invalid', `${what} must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return name;
}

export function checkRole(value: unknown): Role {
  if (!isRole(value)) throw new DirectoryError('invalid', `Unknown role ${JSON.stringify(value)}`);
  return value;
}

/** Every role and every board must be present with a known access level; nothing else is accepted. */
export function checkPermissions(value: unknown): PermissionMatrix {
  const matrix = value as Record<string, Record<string, unknown> | undefined> | null;
  if (typeof matrix !== 'object' || matrix === null) {
    throw new DirectoryError('invalid', 'Permissions must be an object of roles');
  }
  const result = {} as PermissionMatrix;
  for (const role of ROLES) {
    const row = matrix[role];
    if (typeof row !== 'object' || row === null) {
      throw new DirectoryError('invalid', `Permissions lack the role ${role}`);
    }
    result[role] = {} as PermissionMatrix[Role];
    for (const board of BOARDS) {
      const access = row[board];
      if (!(ACCESS_LEVELS as readonly unknown[]).includes(access)) {
        throw new DirectoryError(
          'invalid',
          `Permissions for ${role} on ${board} must be none, read or write`,
        );
      }
      result[role][board] = access as Access;
    }
  }
  return result;
}

/**
 * A stored matrix over the current defaults: a board or role added in a later release starts at its default
 * for existing productions instead of breaking them.
 */
export function mergePermissions(stored: unknown): PermissionMatrix {
  const matrix = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const result = {} as PermissionMatrix;
  for (const role of ROLES) {
    result[role] = { ...DEFAULT_PERMISSIONS[role] };
    for (const board of BOARDS) {
      const access = matrix[role]?.[board];
      if ((ACCESS_LEVELS as readonly unknown[]).includes(access)) result[role][board] = access as Access;
    }
  }
  return result;
}

/**
 * The owner's choice of approvers: known boards only, each a list of distinct roles; `null` for a board puts
 * it back on the default rule. Anything else is refused rather than half-stored.
 */
export function checkApprovers(value: unknown): Approvers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DirectoryError('invalid', 'Approvers must be an object of boards');
  }
  const result: Approvers = {};
  for (const [board, roles] of Object.entries(value)) {
    if (!isBoard(board))
      throw new DirectoryError('invalid', `Approvers name an unknown board ${JSON.stringify(board)}`);
    if (roles === null) continue;
    if (!Array.isArray(roles) || !roles.every(isRole) || new Set(roles).size !== roles.length) {
      throw new DirectoryError('invalid', `Approvers of ${board} must be a list of distinct roles`);
    }
    result[board] = ROLES.filter((role) => roles.includes(role));
  }
  return result;
}

/** Stored approvers, dropping a board or role a later release no longer knows instead of failing on it. */
export function mergeApprovers(stored: unknown): Approvers {
  const source = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const result: Approvers = {};
  for (const board of BOARDS) {
    const roles = source[board];
    if (Array.isArray(roles)) result[board] = ROLES.filter((role) => roles.includes(role));
  }
  return result;
}

/** A new person's stored fields: the name checked, every absent field null. */
export function newPerson(id: string, input: PersonInput): Person {
  return {
    id,
    name: checkName(input.name, 'Name'),
    department: input.department ?? null,
    title: input.title ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    castBilling: input.castBilling ?? null,
    memberId: input.memberId ?? null,
    callOffsetMinutes: input.callOffsetMinutes ?? null,
    keyContact: input.keyContact ?? false,
  };
}

/** A stored person with `patch` applied (a field given as null is cleared; `name` cannot be). */
export function patchPerson(person: Person, patch: Partial<PersonInput>): Person {
  const next: Person = { ...person };
  for (const [key, value] of Object.entries(patch) as Array<[keyof PersonInput, unknown]>) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  next.name = checkName(next.name, 'Name');
  next.keyContact = next.keyContact === true;
  return next;
}
