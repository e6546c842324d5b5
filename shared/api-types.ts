/** Payloads of the HTTP API (`/api/...`), shared by the server's handlers and the client. */
import type { Access, Approvers, Board, PermissionMatrix, Role } from './boards';

export interface Production {
  id: string;
  name: string;
}

export interface Member {
  id: string;
  name: string;
  role: Role;
  owner: boolean;
}

export interface CreateProductionRequest {
  name: string;
  ownerName: string;
  /** The owner's role on set. @default 'producer' (a director-producer picks 'director' to edit the shot list) */
  ownerRole?: Role;
}
export interface CreateProductionResponse {
  production: Production;
  member: Member;
  token: string;
}

/** Bounds of an invite's terms, checked by the server and by the Team page's form. */
export const INVITE_LIMITS = { maxUses: 1000, maxDays: 365 } as const;

export interface CreateInviteRequest {
  role: Role;
  /** How many people may join with it. @default 1 (a personal invite) */
  uses?: number;
  /** @default the server's SETBOARD_INVITE_TTL_DAYS */
  expiresInDays?: number;
}

/** Someone who joined with an invite. */
export interface InviteUse {
  memberId: string;
  name: string;
  /** ISO 8601: when they joined. */
  usedAt: string;
  /** They have since been removed from the production. */
  removed: boolean;
}

/** An invite as the owner sees it. The code itself is shown once, on creation: only its hash is stored. */
export interface Invite {
  id: string;
  role: Role;
  /** How many people it admits in all; more than 1 is a shared, multi-use link. */
  uses: number;
  usesLeft: number;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  expiresAt: string;
  /** Oldest first. */
  usedBy: InviteUse[];
}

export interface CreateInviteResponse extends Invite {
  code: string;
  /** `<origin>/join/<code>` */
  url: string;
}

/** `GET /api/productions/:id/invites`: the invites that can still admit someone, oldest first. */
export interface InvitesResponse {
  invites: Invite[];
}

/** Why `POST /api/join` answered 410 Gone. */
export type InviteRefusal = 'used_up' | 'expired' | 'revoked';

export interface JoinRequest {
  code: string;
  name: string;
}
export interface JoinResponse {
  token: string;
  member: Member;
  productionId: string;
}

export interface MeResponse {
  member: Member;
  production: Production;
  permissions: Record<Board, Access>;
  /** The boards whose versions this member may approve (A11). */
  approves: Board[];
}

export interface MembersResponse {
  members: Member[];
}

/** A11: who approves versions of each board, and which of those the owner chose (the rest follow the default). */
export interface ApproversResponse {
  approvers: Record<Board, Role[]>;
  chosen: Approvers;
}

export interface PermissionsResponse {
  permissions: PermissionMatrix;
}

/** `POST /api/productions/:id/links`: short-lived signed links to open images and exports without headers. */
export interface SignedLinksRequest {
  paths: string[];
}
export interface SignedLinksResponse {
  /** Each requested path → the same path with `expires`, `member` and `signature` added. */
  links: Record<string, string>;
  /** ISO time the links stop working (all of one answer expire together). */
  expiresAt: string;
}

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export interface ApiError {
  error: { code: ApiErrorCode; message: string };
}

/** `POST /api/productions/:id/boards/moodboard/cards/:cardId/comments {text}` (readers and writers). */
export interface AddCommentRequest {
  text: string;
}
export interface AddCommentResponse {
  comment: { id: string; cardId: string; author: { id: string; name: string }; at: string; text: string };
}

/** `GET /api/invites/:code` (no token): what the invite admits to, before anyone types a name. */
export interface InvitePreviewResponse {
  production: { name: string };
  role: Role;
}

/** `GET /api/demo` (no token): the demo production's shared join links, one per role, as paths. */
export interface DemoResponse {
  production: { name: string };
  links: Array<{ role: Role; path: string }>;
}
