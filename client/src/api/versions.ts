/** The versions API (server/http/version-routes.ts, API.md V1-V8). */
import type { Board } from '../../../shared/boards';
import type {
  CreateVersionRequest,
  RestoreVersionResponse,
  VersionDiffResponse,
  VersionListResponse,
  VersionResponse,
} from '../../../shared/versions/api';
import { apiFetch } from './http';

const base = (productionId: string, board: Board) =>
  `/api/productions/${encodeURIComponent(productionId)}/boards/${board}/versions`;

export const fetchVersions = (productionId: string, board: Board, token: string, signal?: AbortSignal) =>
  apiFetch<VersionListResponse>(base(productionId, board), { token, ...(signal ? { signal } : {}) });

export const saveVersion = (productionId: string, board: Board, token: string, body: CreateVersionRequest) =>
  apiFetch<VersionResponse>(base(productionId, board), { token, method: 'POST', body });

/** `against` is another version's id or `current` (the live board). */
export const compareVersions = (
  productionId: string,
  board: Board,
  token: string,
  versionId: string,
  against: string,
) =>
  apiFetch<VersionDiffResponse>(
    `${base(productionId, board)}/${encodeURIComponent(versionId)}/diff?against=${encodeURIComponent(against)}`,
    { token },
  );

/** `seen`: the state vector of the board as this device showed it (only what differs from it is restored). */
export const restoreVersion = (
  productionId: string,
  board: Board,
  token: string,
  versionId: string,
  seen?: Uint8Array,
) =>
  apiFetch<RestoreVersionResponse>(`${base(productionId, board)}/${encodeURIComponent(versionId)}/restore`, {
    token,
    method: 'POST',
    ...(seen ? { body: { seen: btoa(String.fromCharCode(...seen)) } } : {}),
  });

export const approveVersion = (productionId: string, board: Board, token: string, versionId: string) =>
  apiFetch<VersionResponse>(`${base(productionId, board)}/${encodeURIComponent(versionId)}/approve`, {
    token,
    method: 'POST',
  });

export const fetchVersionContent = <T>(
  productionId: string,
  board: Board,
  token: string,
  versionId: string,
) =>
  apiFetch<{ content: T }>(`${base(productionId, board)}/${encodeURIComponent(versionId)}/content`, {
    token,
  });

/** Dispatched on window after this device saved, approved or restored a version, so screens that read versions refresh. */
export const VERSIONS_CHANGED = 'setboard:versions-changed';
