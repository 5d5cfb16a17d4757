#!/usr/bin/env bash
# Speed and size benchmark (issue 6, browser half): the release web app against Pagefind
# over the same content, in headless Chromium, in one run.
#
#   bench/speed.sh [--update-readme] [--dist DIR] [--site DIR] [--loads N] [--reps N]
#
# --dist DIR  a `trunk build --release` output to measure (default: dist/, built with
#             `trunk build --release` when it holds no *_bg.wasm). It is copied to
#             bench/out/dist-snapshot/ first, so a rebuild during the run changes nothing.
# --site DIR  Pagefind input: {en,zh}/*.html as bench/export.rs writes them (default:
#             exported afresh from content/ into bench/out/speed/export/ with the
#             quality-export example). Pagefind indexes are (re)built in it.
# --update-readme  also rewrites the generated part of "Speed and size" in bench/README.md.
#
# Needs: node ≥ 18 with npm (`npm ci` from bench/package-lock.json), /usr/bin/chromium,
# cargo (for the export) and trunk (only when dist/ has to be built). Runs niced; takes
# about 3 minutes. Writes bench/out/speed/results.{json,md}.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out/speed
SNAP=bench/out/dist-snapshot
DIST=dist
SITE=
NODE_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST=$2; shift 2 ;;
    --site) SITE=$2; shift 2 ;;
    --loads|--reps) NODE_ARGS+=("$1" "$2"); shift 2 ;;
    --update-readme) NODE_ARGS+=(--readme bench/README.md); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if ! compgen -G "$DIST/*_bg.wasm" >/dev/null; then
  if [ "$DIST" != dist ]; then echo "$DIST holds no *_bg.wasm" >&2; exit 1; fi
  echo "== dist/ is empty: trunk build --release" >&2
  nice -n 10 trunk build --release
fi
echo "== snapshot $DIST -> $SNAP" >&2
rm -rf "$SNAP"
mkdir -p "$SNAP"
cp -a "$DIST"/. "$SNAP"/

echo "== node dependencies (npm ci)" >&2
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p "$OUT"
if [ -z "$SITE" ]; then
  echo "== export HTML pages from content/ (quality-export)" >&2
  nice -n 10 cargo build --quiet --example quality-export
  rm -rf "$OUT/export"
  ./target/debug/examples/quality-export "$OUT/export" tests/eval/dev.jsonl tests/eval/extra.jsonl
  SITE=$OUT/export/site
fi
echo "== Pagefind indexes over $SITE" >&2
for lang in en zh; do
  rm -rf "$SITE/$lang/pagefind"
  bench/node_modules/.bin/pagefind --site "$SITE/$lang" --silent
done

echo "== measure (headless Chromium)" >&2
nice -n 10 node bench/speed.mjs --dist "$SNAP" --site "$SITE" --out "$OUT" "${NODE_ARGS[@]}"
echo "results: $OUT/results.json, $OUT/results.md" >&2
