/**
 * Productions, their members, invites, tokens and the permission matrix. Two implementations (SQLite,
 * PostgreSQL) behind this one interface. Secrets (tokens, invite codes) are stored only as hashes.
 */
import type { Access, Board, PermissionMatrix, Role } from '../../shared/boards';
import type { Member, Production } from '../../shared/api-types';

/** Who is behind a valid token. */
export interface Principal {
  productionId: string;
  memberId: string;
  name: string;
  role: Role;
  owner: boolean;
}

export interface Directory {
  createProduction(input: {
    name: string;
    ownerName: string;
  }): Promise<{ production: Production; member: Member; token: string }>;
  getProduction(productionId: string): Promise<Production | null>;
  listProductions(): Promise<Production[]>;
  /** A new invite code for a role; multi-use until it expires. */
  createInvite(productionId: string, role: Role): Promise<{ code: string; role: Role; expiresAt: Date }>;
  /** Null when the code is unknown or expired. */
  redeemInvite(
    code: string,
    name: string,
  ): Promise<{ token: string; member: Member; productionId: string } | null>;
  /** Null when the token is unknown, expired or its member revoked. */
  authenticate(token: string): Promise<Principal | null>;
  listMembers(productionId: string): Promise<Member[]>;
  /** Revokes the member and every token of theirs. False when no such active member. */
  revokeMember(productionId: string, memberId: string): Promise<boolean>;
  getPermissions(productionId: string): Promise<PermissionMatrix>;
  setPermissions(productionId: string, permissions: PermissionMatrix): Promise<void>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function accessFor(permissions: PermissionMatrix, role: Role, board: Board): Access {
  return permissions[role][board];
}
