{% autoescape off %}/* The field app's service worker: keeps the app shell and static files so the app opens
   without signal. Pages of the site are not kept (they may show full citizen IDs); the API is
   never answered from a cache. */
const VERSION = {{ version }};
const CACHE = "giamngheo-field-" + VERSION;
const SHELL = {{ shell }};
const FILES = {{ files }};
const API = {{ api }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES).then(() =>
        fetch(SHELL, { credentials: "same-origin" }).then((r) => {
          if (r.ok && !r.redirected) return cache.put(SHELL, r);
        }).catch(() => undefined)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("giamngheo-field-") && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function isShell(url) {
  return url.pathname === SHELL;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(API)) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then((response) => {
        if (isShell(url) && response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
        }
        return response;
      }).catch(() => caches.open(CACHE).then((cache) => cache.match(SHELL)).then((shell) =>
        shell || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } })))
    );
    return;
  }
  if (FILES.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) =>
        hit || fetch(request).then((response) => {
          if (response.ok) cache.put(request, response.clone());
          return response;
        })))
    );
  }
});
{% endautoescape %}
