/**
 * Registers the app-shell worker and hands it the assets this page already loaded (the first visit loads
 * them before the worker controls the page), then preloads every board's code so each opens offline (not on a
 * personal call sheet link, which needs none of it).
 */
import { preloadBoards } from '../boards/registry';
import { isPersonalLinkPath } from './router';

/** The assets this page has loaded so far (hashed files under /assets/). */
const loadedAssets = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => new URL(name).pathname.startsWith('/assets/'));

/**
 * Hands the worker what this page needs offline: the assets it loaded and `extra` URLs (a personal call
 * sheet's JSON), once a worker is in charge. Quietly nothing without a service worker (dev, old browsers).
 */
export function keepForOffline(extra: readonly string[] = []): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'precache', urls: [...loadedAssets(), '/', ...extra] }),
  );
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(async (registration) => {
        // A personal call sheet link is all a crew member's phone opens: it never needs the boards' code.
        if (!isPersonalLinkPath(window.location.pathname)) await preloadBoards();
        registration.active?.postMessage({ type: 'precache', urls: [...loadedAssets(), '/'] });
      })
      .catch((error: unknown) => console.warn('Offline app shell unavailable:', error));
  };
  // Registering after load keeps the worker's own fetches from competing with the first paint.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
