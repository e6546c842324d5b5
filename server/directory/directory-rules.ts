/**
 * What both directory implementations agree on: input checks, expiry arithmetic, the permission matrix
 * merged over the defaults, and the error they throw. Kept here so SQLite and PostgreSQL cannot drift.
 */
import { ACCESS_LEVELS, BOARDS, DEFAULT_PERMISSIONS, ROLES, isRole } from '../../shared/boards';
import type { Access, PermissionMatrix, Role } from '../../shared/boards';

export type DirectoryErrorCode = 'not_found' | 'invalid';

/** `not_found`: no such production. `invalid`: bad input (empty name, unknown role, malformed matrix). */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
  ) {
    super(message);
  }
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
