/* global self, caches, fetch, Headers, Response, URL */
/*
 * The app shell cache. Hashed assets never change under their name, so they are served cache-first; the HTML
 * shell is network-first so a deploy reaches tablets, with the cached shell as the offline fallback. Board data
 * never passes through here: it lives in IndexedDB (y-indexeddb) and travels over WebSockets. The one API answer
 * kept is a personal call sheet (`/api/callsheet/<code>`), network-first, so a phone that opened its link once
 * still shows the sheet on a set without signal.
 */
const CACHE = 'setboard-shell-v1';
const SHELL = ['/', '/icon.svg', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page sends the assets it already loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'precache' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string');
  const shell = urls.filter((u) => isShellAsset(new URL(u, self.location.origin)));
  // A sheet changes with each revision: always the fresh copy, never "already have one".
  const sheets = urls.filter((u) => isPersonalSheet(new URL(u, self.location.origin)));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all([...shell.map((u) => cacheIfMissing(cache, u)), ...sheets.map((u) => refresh(cache, u))]),
      ),
  );
});

async function refresh(cache, url) {
  try {
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
    else if (response.status === 404) await cache.delete(url);
  } catch {
    // Offline: keep the copy there is.
  }
}

/** A personal call sheet's JSON (not its PDF, not the confirm). */
function isPersonalSheet(url) {
  return url.origin === self.location.origin && /^\/api\/callsheet\/[^/]+$/.test(url.pathname);
}

function isShellAsset(url) {
  return (
    url.origin === self.location.origin &&
    (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname))
  );
}

async function cacheIfMissing(cache, url) {
  if (await cache.match(url)) return;
  try {
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
  } catch {
    // Offline while precaching: the next online load fills the gap.
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPersonalSheet(url)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          void caches
            .open(CACHE)
            .then((cache) =>
              response.ok ? cache.put(request, copy) : response.status === 404 ? cache.delete(request) : null,
            );
          return response;
        })
        .catch(async () => {
          const hit = await caches.match(request);
          if (!hit) return Response.error();
          // Marked, so the page can say it shows the copy it kept rather than the latest revision.
          const headers = new Headers(hit.headers);
          headers.set('X-Setboard-Offline-Copy', '1');
          return new Response(await hit.blob(), { status: hit.status, headers });
        }),
    );
    return;
  }
  if (/^\/(api|sync|socket\.io)\//.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(async () => (await caches.match('/')) || Response.error()),
    );
    return;
  }

  if (isShellAsset(url)) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
