#!/usr/bin/env bash
# Serve the web app on http://127.0.0.1:8080 with the shipped knowledge base.
# One command on a fresh machine that has only Rust: installs what is missing (the wasm
# target, trunk, wasm-bindgen-cli, wasm-opt; see scripts/setup.sh), builds the index and
# the release app, and serves it. Extra arguments go to `trunk serve`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

"$here/scripts/setup.sh"
# wasm-opt comes from npm's binaryen (never Debian's: its modules fail to load).
export PATH="$here/.tools/node_modules/.bin:$PATH"

# Trunk.toml sets the address (127.0.0.1:8080), offline mode and the pinned tools; its
# pre-build hook rebuilds index/fixfind.bundle from content/.
exec trunk serve index.html --release "$@"
