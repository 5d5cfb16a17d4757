// Starts the app. Trunk fills in the hashed file names as data attributes of this
// script tag (see pattern_script in Trunk.toml); an external module keeps the page's
// Content-Security-Policy free of 'unsafe-inline'.
const tag = document.querySelector("script[data-js][data-wasm]");

function fail(error) {
  const banner = document.getElementById("fatal");
  // A panic inside the app has already said what happened.
  if (!banner || !banner.hidden) return;
  const zh = (document.documentElement.lang || navigator.language || "").toLowerCase().startsWith("zh");
  banner.textContent = (zh
    ? "fixfind 无法启动（需要支持 WebAssembly 的现代浏览器）："
    : "fixfind could not start (it needs a current browser with WebAssembly): ") + error;
  banner.hidden = false;
  console.error(error);
}

try {
  const bindings = await import(tag.dataset.js);
  await bindings.default({ module_or_path: tag.dataset.wasm });
} catch (error) {
  fail(error);
}

// After one visit the app and its index work offline (public/sw.js). Registration is
// relative, so it works under any base path; a failure only means no offline mode.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").catch((error) => console.warn("offline mode unavailable:", error));
}
