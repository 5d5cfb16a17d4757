#!/usr/bin/env bash
# Installs every tool fixfind needs on a fresh machine that has only Rust.
# Each step is skipped when the tool is already present, so reruns are cheap.
# Nothing here downloads from outside the package registries.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$here/.tools"

# wasm-bindgen-cli must match the wasm-bindgen crate pinned in Cargo.toml exactly.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$here/Cargo.toml")

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 11 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Without --locked: the locked tree pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen: Debian's binaryen 108 produces broken modules.
if ! "$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >&2
fi

# A Chinese font too: without one, every page with Chinese text spends tens of
# milliseconds in font fallback (skewing bench/speed.sh) and screenshots show boxes.
if [ "${FIXFIND_SETUP_BROWSER:-0}" = 1 ] &&
  ! { command -v chromium && command -v chromedriver && fc-list :lang=zh | grep -q .; } >/dev/null; then
  log "installing chromium, chromium-driver and a Chinese font"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >&2
fi

log "tools ready"
