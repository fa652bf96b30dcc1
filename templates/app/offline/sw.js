// The service worker of /app/: keeps the offline visit page (a shell without data), its scripts,
// stylesheet, manifest and icon, so /app/visitas/:id opens with no network. Caches are named by
// version; an update installs a complete new cache before the old one is removed. Pending work
// lives in IndexedDB, which this worker never touches, so an update cannot lose it.
const VERSION = '__VERSION__';
const PRECACHE = '__PRECACHE__';
const SHELL = '__SHELL__';
const CACHE = `sello-app-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sello-app-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const shell = async () => (await (await caches.open(CACHE)).match(SHELL)) || caches.match(SHELL);

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/app/visitas/')) {
    // The page with fresh data when there is network; the shell (data from the phone) when not.
    event.respondWith(fetch(request).catch(shell));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
