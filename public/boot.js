// Starts the app. Trunk fills in the hashed file names as data attributes of this
// script tag (see pattern_script in Trunk.toml); an external module keeps the page's
// Content-Security-Policy free of 'unsafe-inline'.
const tag = document.querySelector("script[data-js][data-wasm]");

function isChinese() {
  return (document.documentElement.lang || navigator.language || "").toLowerCase().startsWith("zh");
}

function fail(error) {
  const banner = document.getElementById("fatal");
  // A panic inside the app has already said what happened.
  if (!banner || !banner.hidden) return;
  const zh = isChinese();
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
  // A page that was already served by a worker and sees another take over is running the
  // build before a new deployment (the new worker installs in the background): offer the
  // new one. The first worker claiming a fresh page changes nothing the reader can see.
  const servedByWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    const banner = document.getElementById("update");
    if (!servedByWorker || !banner) return;
    const zh = isChinese();
    banner.querySelector("span").textContent = zh
      ? "fixfind 有新版本（应用和知识库）。"
      : "A new version of fixfind (app and knowledge base) is ready.";
    const reload = banner.querySelector("button");
    reload.textContent = zh ? "重新加载" : "Reload";
    reload.onclick = () => location.reload();
    banner.hidden = false;
  });
  navigator.serviceWorker.register("sw.js").catch((error) => console.warn("offline mode unavailable:", error));
}
