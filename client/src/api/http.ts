/**
 * Fetch for the /api routes: JSON in and out, Bearer token, and every failure turned into an ApiFailure
 * whose message a person on set understands.
 */
import type { ApiError, ApiErrorCode } from '../../../shared/api-types';

export type FailureKind = 'unreachable' | 'expired' | 'forbidden' | 'not-found' | 'invalid' | 'server';

export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number,
    readonly code: ApiErrorCode | null = null,
  ) {
    super(message);
  }
}

const KIND_BY_STATUS: Record<number, FailureKind> = { 401: 'expired', 403: 'forbidden', 404: 'not-found' };

function isApiError(value: unknown): value is ApiError {
  const error = (value as ApiError | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export async function apiFetch<T>(
  path: string,
  options: { token?: string | null; method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiFailure('unreachable', 'The Setboard server cannot be reached from this device.', 0);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  throw failureOf(response, payload);
}

/** The ApiFailure for a refused response, from its `{error}` body when it has one. */
export function failureOf(response: Response, payload: unknown): ApiFailure {
  const kind = KIND_BY_STATUS[response.status] ?? (response.status < 500 ? 'invalid' : 'server');
  if (isApiError(payload)) {
    return new ApiFailure(kind, payload.error.message, response.status, payload.error.code);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    return new ApiFailure('unreachable', 'The Setboard server is not answering right now.', response.status);
  }
  return new ApiFailure(
    kind,
    `The server answered ${response.status} ${response.statusText}.`,
    response.status,
  );
}
