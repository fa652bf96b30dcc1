// The service worker of the verifier (/verificador, registered with that scope): keeps the page, its
// scripts, manifest and icon, so that the verifier opens with no signal. The status list and the keys
// are not here: the page keeps them in IndexedDB after checking the list's signature. Caches are named
// by version; an update installs a complete new cache before the old one is removed.
const VERSION = '__VERSION__';
const PRECACHE = '__PRECACHE__';
const PAGE = '__PAGE__';
const CACHE = `sello-verificador-${VERSION}`;
/** How long the page waits for the network before it is served from the cache. */
const NETWORK_WAIT_MS = 4000;

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
        if (name.startsWith('sello-verificador-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The page from the network (kept for next time), or from the cache when the network fails or is too slow. */
async function page(request) {
  const cache = await caches.open(CACHE);
  const cached = () => cache.match(request).then((hit) => hit || cache.match(PAGE));
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') cache.put(request, response.clone());
    return response;
  });
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS)).then(cached);
  try {
    return (await Promise.race([network, slow])) || (await network);
  } catch {
    return (await cached()) || Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(page(request));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
