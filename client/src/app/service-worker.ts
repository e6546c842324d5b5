/**
 * Registers the app-shell worker and hands it the assets this page already loaded (the first visit loads
 * them before the worker controls the page), then preloads every board's code so each opens offline.
 */
import { preloadBoards } from '../boards/registry';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(async (registration) => {
        await preloadBoards();
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => new URL(name).pathname.startsWith('/assets/'));
        registration.active?.postMessage({ type: 'precache', urls: [...urls, '/'] });
      })
      .catch((error: unknown) => console.warn('Offline app shell unavailable:', error));
  };
  // Registering after load keeps the worker's own fetches from competing with the first paint.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
