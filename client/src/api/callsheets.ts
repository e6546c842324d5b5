/**
 * The call sheet publishing routes (API.md CS1-CS10): the AD's (Bearer) and the personal link's (the code
 * is the credential, no account).
 */
import type {
  CallSheetRevisionsResponse,
  ConfirmResponse,
  PersonalSheet,
  PublishResponse,
  ReissueLinkResponse,
} from '../../../shared/callsheet-api';
import { ApiFailure, apiFetch, failureOf } from './http';

const dayBase = (productionId: string, day: number) =>
  `/api/productions/${encodeURIComponent(productionId)}/callsheets/${day}`;

export const publishCallSheet = (token: string, productionId: string, day: number, note: string) =>
  apiFetch<PublishResponse>(`${dayBase(productionId, day)}/publish`, {
    token,
    method: 'POST',
    body: note.trim() === '' ? {} : { note },
  });

export const listRevisions = (token: string, productionId: string, day: number, signal?: AbortSignal) =>
  apiFetch<CallSheetRevisionsResponse>(dayBase(productionId, day), { token, ...(signal ? { signal } : {}) });

export const reissueLink = (token: string, productionId: string, day: number, personId: string) =>
  apiFetch<ReissueLinkResponse>(
    `${dayBase(productionId, day)}/recipients/${encodeURIComponent(personId)}/link`,
    { token, method: 'POST' },
  );

export const personalSheetPath = (code: string) => `/api/callsheet/${encodeURIComponent(code)}`;

/** The sheet, and whether it is the copy the service worker kept (the server could not be reached). */
export async function fetchPersonalSheet(
  code: string,
): Promise<{ sheet: PersonalSheet; offlineCopy: boolean }> {
  let response: Response;
  try {
    response = await fetch(personalSheetPath(code));
  } catch {
    throw new ApiFailure('unreachable', 'The Setboard server cannot be reached from this device.', 0);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failureOf(response, payload);
  return {
    sheet: payload as PersonalSheet,
    offlineCopy: response.headers.get('x-setboard-offline-copy') === '1',
  };
}

export const confirmPersonalSheet = (code: string) =>
  apiFetch<ConfirmResponse>(`${personalSheetPath(code)}/confirm`, { method: 'POST' });
