#!/usr/bin/env bash
# Browser tests: builds the release app into dist/ with Trunk, starts chromedriver on a
# free port, runs tests/browser.rs against headless Chromium, stops chromedriver.
#   FIXFIND_SKIP_BUILD=1   reuse the existing dist/
#   extra arguments        passed to the test binary (e.g. a test name filter)
# Screenshots land in target/screenshots/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export PATH="$here/.tools/node_modules/.bin:$PATH"
log() { printf '\033[1m[browser-test]\033[0m %s\n' "$*" >&2; }

for tool in trunk wasm-bindgen wasm-opt chromium chromedriver; do
  if ! command -v "$tool" >/dev/null; then
    log "$tool is missing: run FIXFIND_SETUP_BROWSER=1 scripts/setup.sh"
    exit 1
  fi
done

if [ "${FIXFIND_SKIP_BUILD:-0}" != 1 ]; then
  log "building dist/ (trunk build --release)"
  trunk build index.html --release
fi

# shellcheck source=scripts/ports.sh
source "$here/scripts/ports.sh"
port=$(free_port) || { log "no free port for chromedriver"; exit 1; }

driver_log="$(mktemp -t chromedriver.XXXXXX.log)"
# Its own process group: stopping the group also stops any Chromium a failed test left.
setsid chromedriver --port="$port" >"$driver_log" 2>&1 &
driver_pid=$!
cleanup() {
  kill -- "-$driver_pid" 2>/dev/null || kill "$driver_pid" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 100); do
  port_in_use "$port" && break
  if ! kill -0 "$driver_pid" 2>/dev/null; then
    log "chromedriver did not start:"; cat "$driver_log" >&2; exit 1
  fi
  sleep 0.1
done
log "chromedriver on port $port (log: $driver_log)"

WEBDRIVER_URL="http://127.0.0.1:$port" \
  cargo test --test browser -- --ignored --test-threads=1 --nocapture "$@"
