// fixfind's service worker: after one visit the app and its index work offline.
//
// scripts/pwa.sh (a Trunk post-build hook) fills in VERSION, a hash of every file in
// dist/, and FILES, their paths. A new deployment therefore changes this script, the
// browser installs it beside the old one, and on activation the old cache is deleted:
// the wasm and the index bundle always come from the same build.
const VERSION = "__FIXFIND_VERSION__";
const FILES = __FIXFIND_FILES__;
const CACHE = `fixfind-${VERSION}`;
// How long a page load waits for the network before the cached page is shown.
const NAVIGATION_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(["./", ...FILES])).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("fixfind-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: the network when it answers in time (a new deployment shows at once), else
    // the cached page: a dead or crawling link at 3 a.m. must not stall the app.
    const cached = () => caches.match("./", { cacheName: CACHE });
    const network = fetch(request);
    const slow = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
    event.respondWith(
      Promise.race([network, slow.then(cached)])
        .then((response) => response || network)
        .catch(() => cached()),
    );
    return;
  }
  // Assets of this build (hashed wasm/js, the bundle of the same build): cache first.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
