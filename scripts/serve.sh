#!/usr/bin/env bash
# Serve the web app on http://127.0.0.1:8080 with the shipped knowledge base.
# One command on a fresh machine that has only Rust: installs what is missing (the wasm
# target, trunk, wasm-bindgen-cli, wasm-opt; see scripts/setup.sh), builds the index and
# the release app, and serves it. Extra arguments go to `trunk serve` (e.g. --port 8081).
#
# On a fresh machine the tool installs and the project's own two builds (the native CLI
# that writes the index, the wasm app) run side by side: on two cores no single one of
# them keeps both busy all the time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
log() { printf '\033[1m[serve]\033[0m %s\n' "$*" >&2; }
started=$SECONDS

# Every crate up front: trunk builds with --offline (Trunk.toml), so the wasm-only
# dependencies must be here before it runs.
cargo fetch --locked --quiet

if ! rustup target list --installed | grep -qxF wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
scripts/setup.sh &
pids+=($!)
# The same command Trunk runs, so its own build finds everything fresh.
cargo build --quiet --release --target=wasm32-unknown-unknown --bin fixfind &
pids+=($!)
scripts/build-index.sh &
pids+=($!)
for pid in "${pids[@]}"; do
  wait "$pid"
done
trap - EXIT
log "ready to serve after $((SECONDS - started)) s"

# wasm-opt comes from npm's binaryen (never Debian's: its modules fail to load).
export PATH="$here/.tools/node_modules/.bin:$PATH"
# Trunk.toml sets the address and port (127.0.0.1:8080), offline mode and the pinned
# tools; its pre-build hook rebuilds index/fixfind.bundle from content/ (cheap now).
log "starting trunk serve: open the address it prints (default http://127.0.0.1:8080)"
exec trunk serve index.html --release "$@"
