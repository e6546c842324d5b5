/**
 * The device's sessions: one token per production joined, kept in localStorage so a tablet that reloads
 * (even offline) stays signed in. The last /api/me answer is kept beside it, because a reload with no network
 * still needs to know the member's role and which boards to open.
 */
import type { MeResponse } from '../../../shared/api-types';

const KEY = 'setboard.sessions.v1';

export interface StoredSession {
  productionId: string;
  token: string;
  me: MeResponse | null;
}

type Sessions = Record<string, StoredSession>;

function readAll(): Sessions {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Sessions) : {};
  } catch {
    // A corrupt entry must not lock the person out; they rejoin with their link.
    return {};
  }
}

function writeAll(sessions: Sessions): void {
  localStorage.setItem(KEY, JSON.stringify(sessions));
}

export function getSession(productionId: string): StoredSession | null {
  return readAll()[productionId] ?? null;
}

export function listSessions(): StoredSession[] {
  return Object.values(readAll());
}

export function saveSession(session: StoredSession): void {
  writeAll({ ...readAll(), [session.productionId]: session });
}

export function rememberMe(productionId: string, me: MeResponse): void {
  const current = getSession(productionId);
  if (current) saveSession({ ...current, me });
}

export function forgetSession(productionId: string): void {
  const sessions = readAll();
  delete sessions[productionId];
  writeAll(sessions);
}
