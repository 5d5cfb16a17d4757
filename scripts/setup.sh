#!/usr/bin/env bash
# Installs every tool fixfind needs on a fresh machine that has only Rust.
# Each step is skipped when the tool is already present, so reruns are cheap.
# Nothing here downloads from outside the package registries.
#
# The two slow steps are compiling trunk and wasm-bindgen-cli from crates.io (no registry
# ships them prebuilt). They run side by side, and lighter than their own release
# profiles ask: trunk's fat LTO with one codegen unit alone took most of its 11 minutes,
# and neither tool needs TLS (nothing is downloaded by them: Trunk.toml sets offline).
#   FIXFIND_SETUP_BROWSER=1   also Chromium, ChromeDriver and a Chinese font (tests)
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$here/.tools"

# wasm-bindgen-cli must match the wasm-bindgen crate pinned in Cargo.toml exactly.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$here/Cargo.toml")

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# `tool --version` prints "name X.Y.Z"; the version must be that word exactly
# (0.2.13 is not 0.2.130).
has_version() { "$1" --version 2>/dev/null | tr ' ' '\n' | grep -qxF "$2"; }

# A quick, lighter release build for tools: the speed of trunk itself does not matter.
light_install() {
  CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install --quiet --no-default-features "$@"
}

started=$SECONDS
if ! rustup target list --installed | grep -qxF wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Background installs: name → pid; each writes its own log.
logs="$(mktemp -d -t fixfind-setup.XXXXXX)"
declare -A jobs=()
start() {
  local name=$1
  shift
  log "installing $name (log: $logs/$name.log)"
  (
    t0=$SECONDS
    "$@" >"$logs/$name.log" 2>&1
    echo "$name took $((SECONDS - t0)) s" >>"$logs/$name.log"
  ) &
  jobs[$name]=$!
}

if ! has_version trunk "$TRUNK_VERSION"; then
  start trunk light_install trunk --version "$TRUNK_VERSION" --locked
fi
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  # Without --locked: the locked tree pins a yanked crate.
  start wasm-bindgen-cli light_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
# wasm-opt from npm's binaryen: Debian's binaryen 108 produces broken modules.
if ! "$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -qF "version ${BINARYEN_VERSION%%.*}"; then
  mkdir -p "$tools"
  start wasm-opt npm install --prefix "$tools" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi
# A Chinese font too: without one, every page with Chinese text spends tens of
# milliseconds in font fallback (skewing bench/speed.sh) and screenshots show boxes.
if [ "${FIXFIND_SETUP_BROWSER:-0}" = 1 ] &&
  ! { command -v chromium && command -v chromedriver && fc-list :lang=zh | grep -q .; } >/dev/null 2>&1; then
  start chromium env DEBIAN_FRONTEND=noninteractive bash -c \
    'apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei'
fi

failed=0
for name in "${!jobs[@]}"; do
  if wait "${jobs[$name]}"; then
    log "$(tail -n 1 "$logs/$name.log")"
  else
    log "installing $name failed; the end of its log:"
    tail -n 40 "$logs/$name.log" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
rm -rf "$logs"
log "tools ready ($((SECONDS - started)) s)"
