/**
 * The boards of a production, the roles on a set, and who may do what by default.
 * Each board is its own Yjs document because field-level hiding inside one CRDT document cannot be enforced:
 * a role that may not read a board never receives a byte of it.
 */
export const BOARDS = [
  'breakdown',
  'shotlist',
  'schedule',
  'moodboard',
  'costreport',
  'callsheet',
  'dpr',
] as const;
export type Board = (typeof BOARDS)[number];

export const ROLES = ['producer', 'director', 'ad', 'department', 'crew'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_LEVELS = ['none', 'read', 'write'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

export type PermissionMatrix = Record<Role, Record<Board, Access>>;

export const BOARD_LABELS: Record<Board, string> = {
  breakdown: 'Breakdown',
  shotlist: 'Shot list',
  schedule: 'Schedule',
  moodboard: 'Mood board',
  costreport: 'Cost report',
  callsheet: 'Call sheet',
  dpr: 'Production report',
};

/** Boards with a CSV export (`export.csv`) and import (`import.csv`); the others have none (API.md C4). */
export const CSV_EXPORTS: readonly Board[] = ['breakdown', 'shotlist', 'schedule', 'costreport'];
export const CSV_IMPORTS: readonly Board[] = ['breakdown', 'shotlist', 'costreport'];

export const ROLE_LABELS: Record<Role, string> = {
  producer: 'Producer',
  director: 'Director',
  ad: '1st AD',
  department: 'Department head',
  crew: 'Crew',
};

/** Defaults from the team's domain reference; a production's owner may change them. */
export const DEFAULT_PERMISSIONS: PermissionMatrix = {
  producer: {
    breakdown: 'write',
    shotlist: 'read',
    schedule: 'write',
    moodboard: 'read',
    costreport: 'write',
    callsheet: 'write',
    dpr: 'write',
  },
  director: {
    breakdown: 'write',
    shotlist: 'write',
    schedule: 'read',
    moodboard: 'write',
    costreport: 'read',
    callsheet: 'read',
    dpr: 'read',
  },
  ad: {
    breakdown: 'write',
    shotlist: 'write',
    schedule: 'write',
    moodboard: 'read',
    costreport: 'none',
    callsheet: 'write',
    dpr: 'write',
  },
  department: {
    breakdown: 'read',
    shotlist: 'read',
    schedule: 'read',
    moodboard: 'write',
    costreport: 'none',
    callsheet: 'read',
    dpr: 'none',
  },
  crew: {
    breakdown: 'read',
    shotlist: 'read',
    schedule: 'read',
    moodboard: 'read',
    costreport: 'none',
    callsheet: 'read',
    dpr: 'none',
  },
};

export function isBoard(value: unknown): value is Board {
  return typeof value === 'string' && (BOARDS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The name under which a board's document is stored and synced: one per production and board. */
export function documentName(productionId: string, board: Board): string {
  return `${productionId}/${board}`;
}

export function parseDocumentName(name: string): { productionId: string; board: Board } | null {
  const slash = name.lastIndexOf('/');
  if (slash <= 0) return null;
  const board = name.slice(slash + 1);
  if (!isBoard(board)) return null;
  return { productionId: name.slice(0, slash), board };
}

export function canRead(access: Access): boolean {
  return access !== 'none';
}

export function canWrite(access: Access): boolean {
  return access === 'write';
}

/**
 * Who may approve a version of a board, by role. A board the owner has not set follows the default rule; a
 * stored list replaces it, so a production can have its line producer sign off the schedule, say.
 */
export type Approvers = Partial<Record<Board, Role[]>>;

/** domain.md: the producer signs off the cost report; any other board is signed off by those who write it. */
export function defaultApprovers(board: Board, permissions: PermissionMatrix): Role[] {
  if (board === 'costreport') return permissions.producer.costreport === 'write' ? ['producer'] : [];
  return ROLES.filter((role) => canWrite(permissions[role][board]));
}

/** The roles that approve each board: the owner's choice where made, the default rule elsewhere. */
export function approversOf(approvers: Approvers, permissions: PermissionMatrix): Record<Board, Role[]> {
  return Object.fromEntries(
    BOARDS.map((board) => [board, approvers[board] ?? defaultApprovers(board, permissions)]),
  ) as Record<Board, Role[]>;
}

/** Approving needs the role named for the board and the right to read it: nobody signs what they cannot see. */
export function mayApprove(
  approvers: Approvers,
  permissions: PermissionMatrix,
  role: Role,
  board: Board,
): boolean {
  const roles = approvers[board] ?? defaultApprovers(board, permissions);
  return roles.includes(role) && canRead(permissions[role][board]);
}
