/**
 * Productions, their members, invites, tokens and the permission matrix. Two implementations (SQLite,
 * PostgreSQL) behind this one interface. Secrets (tokens, invite codes) are stored only as hashes.
 */
import type { Access, Approvers, Board, PermissionMatrix, Role } from '../../shared/boards';
import type { Member, Production } from '../../shared/api-types';
import type { DprState } from '../../shared/dpr-api';
import type { Person, PersonInput } from '../../shared/people';
import type { CallSheetRecords } from './callsheet-records';

/** Who is behind a valid token. */
export interface Principal {
  productionId: string;
  memberId: string;
  name: string;
  role: Role;
  owner: boolean;
}

export interface InviteRecord {
  id: string;
  productionId: string;
  role: Role;
  /** How many people it admits in all. */
  uses: number;
  usesLeft: number;
  createdAt: Date;
  expiresAt: Date;
  /** Who joined with it, oldest first, including members removed since. */
  usedBy: Array<{ memberId: string; name: string; usedAt: Date; removed: boolean }>;
}

export interface CreatedInvite extends InviteRecord {
  code: string;
}

/** A day's production report sign-off as stored; a day with no record is a draft. */
export interface DprSignoffRecord {
  dayId: string;
  dayNumber: number;
  state: DprState;
  comment: string | null;
  at: Date;
  by: { id: string; name: string };
  /** The approved version stored at the last approval (kept when returned later). */
  versionId: string | null;
}

export interface DprSignoffMove {
  dayId: string;
  dayNumber: number;
  /** The states the step may be taken from ('draft': no record yet). */
  from: readonly DprState[];
  to: DprState;
  at: Date;
  by: { id: string; name: string };
  comment: string | null;
  /** Set on approval; other steps keep the stored one. */
  versionId?: string;
}

export interface Directory {
  /** Published call sheets, their recipients and the personal links (callsheet-records.ts). */
  readonly callSheets: CallSheetRecords;
  /** The owner takes `ownerRole` (default producer): an indie director-producer starts as a director. */
  createProduction(input: {
    name: string;
    ownerName: string;
    ownerRole?: Role;
  }): Promise<{ production: Production; member: Member; token: string }>;
  getProduction(productionId: string): Promise<Production | null>;
  listProductions(): Promise<Production[]>;
  /**
   * A new invite for a role. Personal (one use) unless `uses` says more; it expires after `expiresInDays`
   * (default: the directory's `inviteTtlDays`). The code is returned once and stored only as a hash.
   */
  createInvite(
    productionId: string,
    role: Role,
    options?: { uses?: number; expiresInDays?: number },
  ): Promise<CreatedInvite>;
  /** The production's invites that can still admit someone (not revoked, not expired, uses left), oldest first. */
  listInvites(productionId: string): Promise<InviteRecord[]>;
  /** Revokes an invite at once. False when the production has no such invite or it was already revoked. */
  revokeInvite(productionId: string, inviteId: string): Promise<boolean>;
  /**
   * Admits a new member and uses up one of the invite's uses, atomically (two people racing for the last
   * use: one wins). Null when the code is unknown; an `InviteGoneError` when it is used up, expired or revoked.
   */
  redeemInvite(
    code: string,
    name: string,
  ): Promise<{ token: string; member: Member; productionId: string } | null>;
  /**
   * What an invite admits to, without using it: the production's name and the role. Null when the code is
   * unknown; an `InviteGoneError` when it is used up, expired or revoked (as `redeemInvite` would answer).
   */
  previewInvite(code: string): Promise<{ productionName: string; role: Role } | null>;
  /** Null when the token is unknown, expired or its member revoked. */
  authenticate(token: string): Promise<Principal | null>;
  listMembers(productionId: string): Promise<Member[]>;
  /** Revokes the member and every token of theirs. False when no such active member. */
  revokeMember(productionId: string, memberId: string): Promise<boolean>;
  /** The production's crew and cast list, in the order people were added. */
  listPeople(productionId: string): Promise<Person[]>;
  /** Adds a person (absent fields stored as null). A `not_found` DirectoryError when there is no production. */
  createPerson(productionId: string, input: PersonInput): Promise<Person>;
  /** Changes the given fields; null when the production has no such person. */
  updatePerson(productionId: string, personId: string, patch: Partial<PersonInput>): Promise<Person | null>;
  /** False when the production has no such person. */
  deletePerson(productionId: string, personId: string): Promise<boolean>;
  /** The sign-off of a day's production report, or null while it is a draft. */
  getDprSignoff(productionId: string, dayId: string): Promise<DprSignoffRecord | null>;
  /** Every day's sign-off that is past draft, by day number. */
  listDprSignoffs(productionId: string): Promise<DprSignoffRecord[]>;
  /**
   * Takes one sign-off step atomically: the record moves to `to` only if it is in one of `from` at that
   * moment, so of two people approving at once exactly one succeeds. Null when it was not (out of order).
   */
  moveDprSignoff(productionId: string, move: DprSignoffMove): Promise<DprSignoffRecord | null>;
  getPermissions(productionId: string): Promise<PermissionMatrix>;
  setPermissions(productionId: string, permissions: PermissionMatrix): Promise<void>;
  /** The owner's choice of who approves versions, per board; boards not in it follow `defaultApprovers`. */
  getApprovers(productionId: string): Promise<Approvers>;
  /** Replaces the whole choice; a board left out (or `null`) goes back to the default rule. */
  setApprovers(productionId: string, approvers: Approvers): Promise<void>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function accessFor(permissions: PermissionMatrix, role: Role, board: Board): Access {
  return permissions[role][board];
}
