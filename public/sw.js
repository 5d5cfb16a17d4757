// fixfind's service worker: after one visit the app and its index work offline.
//
// scripts/pwa.sh (a Trunk post-build hook) fills in VERSION, a hash of every file in
// dist/, and FILES, their paths. A new deployment therefore changes this script, the
// browser installs it beside the old one, and on activation the old cache is deleted:
// the wasm and the index bundle always come from the same build.
const VERSION = "__FIXFIND_VERSION__";
const FILES = __FIXFIND_FILES__;
const CACHE = `fixfind-${VERSION}`;

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
    // The app's page comes from this build's cache, never waiting on the link: on a slow
    // one, the round trip alone costs more than the whole start from the cache (see
    // "Throttled links" in bench/README.md). The page and its hashed files are one build.
    // A new deployment is still found on the first visit after it: the browser checks
    // this script on every visit and installs the new one, and the next visit runs it.
    const url = new URL(request.url);
    const scope = new URL(self.registration.scope);
    const isApp = url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`;
    if (isApp) {
      event.respondWith(caches.match("./", { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    }
    return;
  }
  // Assets of this build (hashed wasm/js, the bundle of the same build): cache first.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
