import type {
  ApproversResponse,
  AddCommentResponse,
  CreateInviteRequest,
  CreateInviteResponse,
  InvitesResponse,
  CreateProductionResponse,
  DemoResponse,
  InvitePreviewResponse,
  JoinResponse,
  MeResponse,
  MembersResponse,
  PermissionsResponse,
} from '../../../shared/api-types';
import type { Approvers, PermissionMatrix, Role } from '../../../shared/boards';
import type { ScriptDiff } from '../../../shared/model/script-import';
import type { ScriptFormat } from '../../../shared/script/types';
import { ApiFailure, apiFetch, failureOf } from './http';

export const join = (code: string, name: string) =>
  apiFetch<JoinResponse>('/api/join', { method: 'POST', body: { code, name } });

export const fetchMe = (token: string, signal?: AbortSignal) =>
  apiFetch<MeResponse>('/api/me', { token, signal });

export const createProduction = (name: string, ownerName: string, ownerRole: Role) =>
  apiFetch<CreateProductionResponse>('/api/productions', {
    method: 'POST',
    body: { name, ownerName, ownerRole },
  });

/** What an invite admits to (production name and role), before anyone types a name (API.md A17). */
export const previewInvite = (code: string, signal?: AbortSignal) =>
  apiFetch<InvitePreviewResponse>(`/api/invites/${encodeURIComponent(code)}`, { signal });

/** The demo production's shared join links (API.md A18); 404 when the server runs without it. */
export const fetchDemo = (signal?: AbortSignal) => apiFetch<DemoResponse>('/api/demo', { signal });

const productionApi = (productionId: string) => `/api/productions/${encodeURIComponent(productionId)}`;

/** A comment by someone who may only read the mood board (API.md MC1): the server writes it into the board. */
export const addCardComment = (productionId: string, token: string, cardId: string, text: string) =>
  apiFetch<AddCommentResponse>(
    `${productionApi(productionId)}/boards/moodboard/cards/${encodeURIComponent(cardId)}/comments`,
    { token, method: 'POST', body: { text } },
  );

export const fetchMembers = (productionId: string, token: string, signal?: AbortSignal) =>
  apiFetch<MembersResponse>(`${productionApi(productionId)}/members`, { token, signal });

export const createInvite = (productionId: string, token: string, terms: CreateInviteRequest) =>
  apiFetch<CreateInviteResponse>(`${productionApi(productionId)}/invites`, {
    token,
    method: 'POST',
    body: terms,
  });

export const fetchInvites = (productionId: string, token: string, signal?: AbortSignal) =>
  apiFetch<InvitesResponse>(`${productionApi(productionId)}/invites`, { token, signal });

export const revokeInvite = (productionId: string, token: string, inviteId: string) =>
  apiFetch<null>(`${productionApi(productionId)}/invites/${encodeURIComponent(inviteId)}`, {
    token,
    method: 'DELETE',
  });

export const removeMember = (productionId: string, token: string, memberId: string) =>
  apiFetch<null>(`${productionApi(productionId)}/members/${encodeURIComponent(memberId)}`, {
    token,
    method: 'DELETE',
  });

export const fetchPermissions = (productionId: string, token: string, signal?: AbortSignal) =>
  apiFetch<PermissionsResponse>(`${productionApi(productionId)}/permissions`, { token, signal });

export const savePermissions = (productionId: string, token: string, permissions: PermissionMatrix) =>
  apiFetch<PermissionsResponse>(`${productionApi(productionId)}/permissions`, {
    token,
    method: 'PUT',
    body: { permissions },
  });

export const fetchApprovers = (productionId: string, token: string, signal?: AbortSignal) =>
  apiFetch<ApproversResponse>(`${productionApi(productionId)}/approvers`, { token, signal });

/** A board set to null goes back to the default rule (A19). */
export const saveApprovers = (productionId: string, token: string, approvers: Approvers) =>
  apiFetch<ApproversResponse>(`${productionApi(productionId)}/approvers`, {
    token,
    method: 'PUT',
    body: { approvers },
  });

export interface UploadedImage {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
}

export async function uploadImage(productionId: string, token: string, file: Blob): Promise<UploadedImage> {
  let response: Response;
  try {
    response = await fetch(`/api/productions/${encodeURIComponent(productionId)}/boards/moodboard/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiFailure('unreachable', 'Images upload only while this device is online.', 0);
  }
  const payload = (await response.json().catch(() => null)) as
    UploadedImage | { error?: { message?: string } } | null;
  if (!response.ok) {
    const message =
      (payload as { error?: { message?: string } } | null)?.error?.message ??
      `The upload failed (${response.status}).`;
    throw new ApiFailure(response.status === 401 ? 'expired' : 'invalid', message, response.status);
  }
  return payload as UploadedImage;
}

/** `POST .../import/script`: the file as it is, typed by its format; `dryRun` answers without writing. */
export async function importScript(
  productionId: string,
  token: string,
  text: string,
  format: ScriptFormat,
  dryRun = false,
): Promise<ScriptDiff> {
  let response: Response;
  try {
    response = await fetch(`${productionApi(productionId)}/import/script${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': format === 'fdx' ? 'application/xml' : 'text/plain; charset=utf-8',
      },
      body: text,
    });
  } catch {
    throw new ApiFailure(
      'unreachable',
      'A script is applied by the server: connect this device and try again.',
      0,
    );
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as ScriptDiff;
  throw failureOf(response, payload);
}
