// Offline after the first visit. Every file the site fetches from its own origin is kept in a cache as it arrives;
// with the network off, the cache answers. Nothing is downloaded twice: the first visit fills the cache with what
// the page loads anyway, plus the four lessons' notebooks.
//   - _framework/ and lib/ files: cache first (their names or folders change when their content does);
//   - everything else (pages, notebooks, the site's script): network first, so a new version shows when online;
//   - a page address (/lessons/01-backprop) that the network cannot answer gets the cached index.html.
const cacheName = 'backprop-lessons-v1';
const scope = new URL(self.registration.scope);
const lessons = ['01-backprop', '02-one-step', '03-experiments', '04-autograd'].map(name => `notebooks/${name}.ipynb`);

self.addEventListener('install', event => {
  event.waitUntil(caches.open(cacheName).then(cache => cache.addAll(['./', ...lessons])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== cacheName) await caches.delete(key);
    await self.clients.claim();
  })());
});

// The page lists the files it loaded before this worker was there (keepForOffline in js/site.js): keep the ones missing.
self.addEventListener('message', event => {
  const urls = event.data?.keep ?? [];
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await Promise.all(urls.map(async url => {
      if (!(await cache.match(url, { ignoreVary: true }))) await cache.add(url).catch(() => {});
    }));
    event.ports[0]?.postMessage('kept');
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return;
  const path = url.pathname.slice(scope.pathname.length);
  const stable = path.startsWith('_framework/') || path.startsWith('lib/');
  event.respondWith(stable ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  return cached ?? fetchAndKeep(request);
}

async function networkFirst(request) {
  try {
    return await fetchAndKeep(request);
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true })
      ?? (request.mode === 'navigate' ? await caches.match('./', { ignoreVary: true }) : undefined);
    if (cached) return cached;
    throw error;
  }
}

async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(cacheName).then(cache => cache.put(request, copy));
  }
  return response;
}
