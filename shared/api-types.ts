/** Payloads of the HTTP API (`/api/...`), shared by the server's handlers and the client. */
import type { Access, Board, PermissionMatrix, Role } from './boards';

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
}
export interface CreateProductionResponse {
  production: Production;
  member: Member;
  token: string;
}

export interface CreateInviteRequest {
  role: Role;
}
export interface CreateInviteResponse {
  code: string;
  role: Role;
  /** `<origin>/join/<code>` */
  url: string;
}

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
}

export interface MembersResponse {
  members: Member[];
}

export interface PermissionsResponse {
  permissions: PermissionMatrix;
}

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export interface ApiError {
  error: { code: ApiErrorCode; message: string };
}
