/** The production report's sign-off API (server/http/dpr-routes.ts, API.md D1-D8). */
import type { DprListResponse, DprResponse, DprStep } from '../../../shared/dpr-api';
import { apiFetch } from './http';

const base = (productionId: string) => `/api/productions/${encodeURIComponent(productionId)}/dpr`;

export const fetchDprDays = (productionId: string, token: string) =>
  apiFetch<DprListResponse>(base(productionId), { token });

export const fetchDpr = (productionId: string, token: string, day: number) =>
  apiFetch<DprResponse>(`${base(productionId)}/${day}`, { token });

/** Submit (AD), approve or return with a comment (producer). */
export const takeDprStep = (
  productionId: string,
  token: string,
  day: number,
  step: DprStep,
  comment?: string,
) =>
  apiFetch<DprResponse>(`${base(productionId)}/${day}/${step}`, {
    token,
    method: 'POST',
    body: step === 'return' ? { comment } : {},
  });
