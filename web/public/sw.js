/*
 * 红云's service worker: keeps the member app's shell (index.html, its hashed scripts and styles,
 * the icons) so /m opens on a poor village network, and nothing else. API answers and personal
 * data are never stored: /api/ is left to the network (not even seen here), and only files that
 * are the same for everyone are kept. Registered from the member app (web/src/app/pwa.ts).
 */
const SHELL = 'hy-shell-v1';
const FIXED = ['/index.html', '/elder.js', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon.svg'];
// screens whose page is the shell: offline they open from the cache (their data still needs the network)
const SHELL_PAGES = /^\/(m|login)(\/|$)/;
const KEPT_FILES = /^\/(assets|icons)\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(FIXED);
      // the scripts and styles index.html loads first (hashed names, known only from the page)
      const html = await (await cache.match('/index.html')).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll([...new Set(assets)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // another origin, the API (network only: personal data is never cached), the portal and the rest
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (KEPT_FILES.test(url.pathname)) {
    // hashed names never change: from the cache when there, else fetched and kept
    event.respondWith(
      (async () => {
        const cache = await caches.open(SHELL);
        const hit = await cache.match(req);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
        return res;
      })(),
    );
    return;
  }

  if (req.mode === 'navigate' && SHELL_PAGES.test(url.pathname)) {
    // the network first (a new build is seen at once), the kept shell when offline
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          if (res.ok && res.type === 'basic') {
            const cache = await caches.open(SHELL);
            await cache.put('/index.html', res.clone());
          }
          return res;
        } catch (err) {
          const kept = await caches.match('/index.html');
          if (kept) return kept;
          throw err;
        }
      })(),
    );
  }
});
