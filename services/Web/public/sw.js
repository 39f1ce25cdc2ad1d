// The pages' service worker (docs/offline.md): the pages open without a network after the first
// visit. It never stores what is sent (filings, photos, visits wait in the page's IndexedDB queue,
// src/offline/) and keeps only these answers:
// - the page itself (index.html, for every page route) and its bundled files (/assets/, hashed names);
// - the manifest and icons;
// - GET answers the phone page needs to draw its forms offline: units (names and places), the case
//   catalogue, and the signed-in worker's own care list (the people he visits: needed to record a visit
//   offline; deleted when he signs out, see src/offline/register.ts).
// Nothing else of the API is cached: work lists, cases, photos and callers always come from the network.
// Same-origin plain script (the CSP allows no other); no build step, so plain ES2020.
const SHELL = 'governance-shell-v1';
const DATA = 'governance-data-v1';
const PAGE = '/index.html';
const STATIC = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png'];
const PAGE_ROUTES = ['/', '/signin', '/worker', '/village', '/command-centre', '/department', '/county'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([PAGE, ...STATIC])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('governance-') && k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// The page names the bundled files it loaded before this worker controlled it (its first visit).
self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'cache-assets' && Array.isArray(message.urls)) {
    const urls = message.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin
      && new URL(u, self.location.origin).pathname.startsWith('/assets/'));
    event.waitUntil(caches.open(SHELL).then((cache) => Promise.all(urls.map((u) => cache.match(u).then((hit) => hit || cache.add(u).catch(() => undefined))))));
  } else if (message.type === 'forget-data') {
    event.waitUntil(caches.delete(DATA));
  }
});

/** The API answers kept for offline use (GET only, 200 only). */
function keptAnswer(url) {
  const p = url.pathname;
  return (p.startsWith('/grids/units') && !p.endsWith('/boundary'))
    || p === '/incidents/categories' || p === '/incidents/grades'
    || (p === '/grids/care/subjects' && url.searchParams.has('gridWorkerId'));
}

async function networkFirst(request, cacheName, key) {
  try {
    // Past the browser's HTTP cache: the copy kept here is the offline one, and an old answer from
    // there (a 401 of a page that had no token yet) must not stand in for the network. (A navigation
    // cannot take options; index.html is no-cache anyway.)
    const response = await (request.mode === 'navigate' ? fetch(request) : fetch(request, { cache: 'no-store' }));
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(key || request, response.clone());
    }
    return response;
  } catch (e) {
    const cached = await caches.match(key || request, { ignoreVary: true });
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

// A call the page made without the token the Host wants (src/session.ts, X-Without-Token: none could be had,
// offline): answered from what was kept, or as a network failure, never sent on to be refused.
async function keptOnly(request, url) {
  const cached = request.method === 'GET' && keptAnswer(url) ? await caches.match(request, { ignoreVary: true }) : undefined;
  return cached || Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.headers.get('X-Without-Token')) {
    event.respondWith(keptOnly(request, url));
    return;
  }
  if (request.method !== 'GET') return;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (request.mode === 'navigate') {
    if (PAGE_ROUTES.includes(path) || path === PAGE) event.respondWith(networkFirst(request, SHELL, PAGE));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (keptAnswer(url)) {
    event.respondWith(networkFirst(request, DATA));
  }
});
