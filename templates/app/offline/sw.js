// The service worker of /app/: keeps the offline visit page (a shell without data), its scripts,
// stylesheet, manifest and icon, so /app/visitas/:id opens with no network. Caches are named by
// version; an update installs a complete new cache before the old one is removed. Pending work
// lives in IndexedDB, which this worker only touches to forget who is signed in when someone signs
// out (from any page: the sign-out form posts to /app/salir, inside this worker's scope), so an
// update cannot lose it and a shared phone shows nobody's drafts once its person has left.
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

/** Deletes the "who is signed in" record of store.js (database sello-visitas, store sesion), never creating the database. */
const forgetSignedIn = () =>
  new Promise((resolve) => {
    const open = indexedDB.open('sello-visitas');
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve();
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('sesion')) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction('sesion', 'readwrite');
      tx.objectStore('sesion').delete('actual');
      tx.oncomplete = tx.onerror = tx.onabort = () => {
        db.close();
        resolve();
      };
    };
  });

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method === 'POST' && url.origin === self.location.origin && url.pathname === '/app/salir') {
    // Forget first, then let the sign-out go to the server (it may fail offline; the phone has forgotten anyway).
    event.respondWith(forgetSignedIn().then(() => fetch(request)));
    return;
  }
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
