// The hub page's service worker: keeps the page and the widget's files on the device, so a return
// visit (or one without a network) starts at once. It never answers for the API or the published keys:
// records, accounts and trust material always come from the hub, and are verified by the core as ever.
// scripts/bundle.mjs fills in SHELL (the page and the content-named files it loads) and VERSION.
const SHELL = ['/'];
const VERSION = 'unbuilt';
const CACHE = `fep-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

// A new version's files replace the old ones' (content names: an old page open elsewhere has loaded them).
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith('fep-shell-') && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/') event.respondWith(page(event));
  else if (SHELL.includes(url.pathname) || /^\/dist\/[\w-]+\.[0-9a-f]{16}\.(js|wasm)$/.test(url.pathname))
    event.respondWith(contentNamed(request));
});

// The page from the device at once, and a fresh copy fetched for the next visit (a new version of the
// site also brings a new worker, which installs its files meanwhile).
async function page(event) {
  const cache = await caches.open(CACHE);
  const fresh = fetch('/', { cache: 'no-cache' }).then(async (response) => {
    if (response.ok) await cache.put('/', response.clone());
    return response;
  });
  const updated = fresh.catch(() => {}); // offline: the saved page is all there is
  const saved = await cache.match('/');
  if (!saved) return fresh;
  event.waitUntil(updated);
  return saved;
}

// A file named by its content never changes: from the device if it is there, else fetched and kept.
async function contentNamed(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request, { ignoreVary: true });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
