/** The versions API's payloads (server/http/version-routes.ts, API.md V1-V9), shared by server and client. */
import type { Change } from './diff';

export interface VersionAuthorInfo {
  id: string;
  name: string;
}

export interface VersionInfo {
  id: string;
  name: string;
  /** null when none was given. */
  note: string | null;
  /** ISO 8601. */
  createdAt: string;
  createdBy: VersionAuthorInfo;
  approved: { at: string; by: VersionAuthorInfo } | null;
}

export interface CreateVersionRequest {
  name: string;
  note?: string | null;
}

export interface VersionResponse {
  version: VersionInfo;
}

export interface VersionListResponse {
  versions: VersionInfo[];
}

export interface VersionDiffResponse {
  changes: Change[];
}

export interface RestoreVersionResponse {
  version: VersionInfo;
  /** What the restore changed on the live board. */
  changes: Change[];
}

/** The board as the version holds it, read by the model (the shot list as `{shots}`). */
export interface VersionContentResponse {
  content: unknown;
}

export const MAX_VERSION_NAME = 120;
export const MAX_VERSION_NOTE = 2_000;
