#!/usr/bin/env bash
# Quality benchmark: fixfind against a plain tantivy index, MiniSearch (VitePress local
# search defaults) and Pagefind, on the same sections and the same cases.
#
#   bench/quality.sh [--update-readme]
#
# Needs: cargo, node ≥ 18 with npm (the npm registry for `npm ci`), /usr/bin/chromium.
# Writes everything to bench/out/ (gitignored): sections.json, cases.json, site/, runs/,
# results.json, results.md. With --update-readme, also rewrites the results part of
# bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
CASES=(tests/eval/dev.jsonl tests/eval/extra.jsonl)

echo "== build (cargo, examples quality-export and quality-baseline)" >&2
nice -n 10 cargo build --quiet --example quality-export --example quality-baseline

echo "== node dependencies (npm ci)" >&2
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

rm -rf "$OUT"
echo "== export sections, cases and HTML pages" >&2
./target/debug/examples/quality-export "$OUT" "${CASES[@]}"

echo "== fixfind and tantivy-default" >&2
./target/debug/examples/quality-baseline "$OUT"

echo "== MiniSearch" >&2
node bench/minisearch.mjs "$OUT"

echo "== Pagefind (headless Chromium)" >&2
node bench/pagefind.mjs "$OUT"

echo "== scores" >&2
node bench/score.mjs "$OUT" "$@"
echo "results: $OUT/results.json, $OUT/results.md" >&2
