// JWT Lens service worker (written by scripts/postbuild.py at build time): keeps this
// build's files so that the page loads and works with the network off. A new build is a
// new worker that installs in the background and takes over on the next visit, once every
// tab of the old one is closed: never in the middle of use (no skipWaiting, no claim).
const VERSION = '__VERSION__';
const FILES = __FILES__;
// Caches are per origin; the scope keeps two deployments on one host apart.
const PREFIX = `jwt-lens ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // The deployment's trusted keys may change at any time: network first, cache as fallback.
  if (url.pathname.endsWith('/trusted-keys.json')) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((r) => r || new Response('{"keys":[]}', { headers: { 'Content-Type': 'application/json' } }))),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))),
  );
});
