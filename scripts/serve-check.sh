#!/usr/bin/env bash
# The README's first command, as a new user meets it: clones the committed repository
# into a scratch folder (no target/, dist/ or index/*.bundle there), runs
# scripts/serve.sh on a free loopback port, waits until the page and the search index
# both answer, checks what they are, and stops the server. Bounded in time; the server and
# the scratch folder are removed however it ends.
#   FIXFIND_SERVE_TIMEOUT   seconds to wait for the first page (default 1800)
# The build cache of this checkout (target/) is reused through CARGO_TARGET_DIR, so only
# fixfind itself is compiled again; the tools are the ones scripts/setup.sh installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
timeout_s="${FIXFIND_SERVE_TIMEOUT:-1800}"
log() { printf '\033[1m[serve-check]\033[0m %s\n' "$*" >&2; }

scratch="$(mktemp -d -t fixfind-serve.XXXXXX)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

git clone --quiet "$here" "$scratch/fixfind"
cd "$scratch/fixfind"
for fresh in target dist index/fixfind.bundle index/fixfind-text; do
  [ ! -e "$fresh" ] || { log "the clone has $fresh: not a fresh clone"; exit 1; }
done

# shellcheck source=scripts/ports.sh
source "$here/scripts/ports.sh"
port=$(free_port) || { log "no free port"; exit 1; }

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
log "scripts/serve.sh --port $port in a fresh clone (build cache: $CARGO_TARGET_DIR)"
# Its own process group, so stopping it stops trunk and the builds it started.
setsid scripts/serve.sh --port "$port" >"$scratch/serve.log" 2>&1 &
server=$!

base="http://127.0.0.1:$port"
started=$SECONDS
until curl -sf -o "$scratch/index.html" "$base/" && curl -sf -o "$scratch/bundle" "$base/fixfind.bundle"; do
  if ! kill -0 "$server" 2>/dev/null; then
    log "scripts/serve.sh exited before serving; its output:"
    tail -n 60 "$scratch/serve.log" >&2
    exit 1
  fi
  if [ $((SECONDS - started)) -ge "$timeout_s" ]; then
    log "no page after $timeout_s s; the end of its output:"
    tail -n 60 "$scratch/serve.log" >&2
    exit 1
  fi
  sleep 2
done

# The page is the app (its wasm is referenced and served) and the index is a bundle.
grep -q '<title>fixfind' "$scratch/index.html" || { log "the page is not fixfind's"; exit 1; }
wasm=$(grep -o 'data-wasm="[^"]*"' "$scratch/index.html" | head -n 1 | sed -e 's/^data-wasm="//' -e 's/"$//' -e 's#^\./##')
[ -n "$wasm" ] && curl -sf -o /dev/null "$base/$wasm" || { log "the page's wasm ($wasm) is not served"; exit 1; }
# fixfind build writes the bundle gzip-compressed; inside is the FIXFIND header.
gzip -dc <"$scratch/bundle" >"$scratch/bundle.raw" || { log "fixfind.bundle is not gzip"; exit 1; }
[ "$(head -c 7 "$scratch/bundle.raw")" = FIXFIND ] || { log "fixfind.bundle is not a fixfind index"; exit 1; }
# The section text: the first chunk the bundle's header names is served, and inflates to one.
chunk=$(head -c 65536 "$scratch/bundle.raw" | grep -ao '"name":"[^"]*\.chunk"' | head -n 1 | cut -d'"' -f4) || true
[ -n "$chunk" ] && curl -sf -o "$scratch/chunk" "$base/$chunk" || { log "the text chunk ($chunk) is not served"; exit 1; }
[ "$(gzip -dc <"$scratch/chunk" | head -c 6)" = FFTEXT ] || { log "$chunk is not fixfind section text"; exit 1; }
# The index: every part the bundle's header names is served, and inflates to one.
parts=$(head -c 65536 "$scratch/bundle.raw" | grep -ao '"name":"[^"]*\.part"' | cut -d'"' -f4) || true
[ -n "$parts" ] || { log "the bundle names no index part"; exit 1; }
for part in $parts; do
  curl -sf -o "$scratch/part" "$base/$part" || { log "the index part ($part) is not served"; exit 1; }
  [ "$(gzip -dc <"$scratch/part" | head -c 6)" = FFPART ] || { log "$part is not a fixfind index part"; exit 1; }
done
grep -q "server listening at" "$scratch/serve.log" || { log "trunk did not say where it serves"; exit 1; }
log "served $base/ after $((SECONDS - started)) s: page, wasm ($wasm) and index ($(wc -c <"$scratch/bundle") bytes, $(wc -c <"$scratch/bundle.raw") inflated)"
