/** A few routes need no router library: the path is parsed here and changes go through history. */
import { useSyncExternalStore } from 'react';
import { isBoard, type Board } from '../../../shared/boards';

export type Route =
  | { name: 'landing' }
  | { name: 'join'; code: string }
  /** `view` is /p/<id>/team or /p/<id>/people; App renders it as the home route and ProductionPage picks the view. */
  | { name: 'home'; productionId: string; view?: 'team' | 'people' }
  | { name: 'board'; productionId: string; board: Board }
  /** A person's call sheet link, `/c/<code>`: no account, no production page. */
  | { name: 'callsheet'; code: string }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'landing' };
  if (parts[0] === 'join' && parts.length === 2 && parts[1]) return { name: 'join', code: parts[1] };
  if (parts[0] === 'c' && parts.length === 2 && parts[1]) return { name: 'callsheet', code: parts[1] };
  if (parts[0] === 'p' && parts[1]) {
    if (parts.length === 2) return { name: 'home', productionId: parts[1] };
    if (parts.length === 3 && (parts[2] === 'team' || parts[2] === 'people')) {
      return { name: 'home', productionId: parts[1], view: parts[2] };
    }
    if (parts.length === 3 && isBoard(parts[2])) {
      return { name: 'board', productionId: parts[1], board: parts[2] };
    }
  }
  return { name: 'not-found', path: pathname };
}

/** Personal call sheet links live here; the page is light (no board code) and kept for offline. */
export const isPersonalLinkPath = (pathname: string) => /^\/c\/[^/]+\/?$/.test(pathname);

export const homePath = (productionId: string) => `/p/${encodeURIComponent(productionId)}`;
export const teamPath = (productionId: string) => `${homePath(productionId)}/team`;
export const peoplePath = (productionId: string) => `${homePath(productionId)}/people`;
export const boardPath = (productionId: string, board: Board) => `${homePath(productionId)}/${board}`;

const listeners = new Set<() => void>();
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
