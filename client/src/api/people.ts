/** The crew and cast list API (server/http/people-routes.ts, API.md PE1-PE6). */
import type { PeopleResponse, PersonInput, PersonResponse } from '../../../shared/people';
import { apiFetch } from './http';

const base = (productionId: string) => `/api/productions/${encodeURIComponent(productionId)}/people`;

export const fetchPeople = (productionId: string, token: string, signal?: AbortSignal) =>
  apiFetch<PeopleResponse>(base(productionId), { token, ...(signal ? { signal } : {}) });

export const addPerson = (productionId: string, token: string, input: PersonInput) =>
  apiFetch<PersonResponse>(base(productionId), { token, method: 'POST', body: input });

export const changePerson = (
  productionId: string,
  token: string,
  personId: string,
  patch: Partial<PersonInput>,
) =>
  apiFetch<PersonResponse>(`${base(productionId)}/${encodeURIComponent(personId)}`, {
    token,
    method: 'PATCH',
    body: patch,
  });

export const removePerson = (productionId: string, token: string, personId: string) =>
  apiFetch<null>(`${base(productionId)}/${encodeURIComponent(personId)}`, { token, method: 'DELETE' });
