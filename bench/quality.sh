#!/usr/bin/env bash
# Quality benchmark: fixfind against a plain tantivy index, MiniSearch (VitePress local
# search defaults) and Pagefind, on the same sections and the same cases.
#
#   bench/quality.sh [--update-readme]
#
# Two runs: the shipped knowledge base (content/) on the validation half of the mined
# cases, the dev set and the extra cases; and, when the real Milvus docs are there
# (FIXFIND_REAL_DOCS, default ../shared/corpus/milvus-docs), those docs as someone
# else's runbooks on tests/eval/realdocs.jsonl.
#
# Needs: cargo, node ≥ 18 with npm (the npm registry for `npm ci`), /usr/bin/chromium,
# python3 (to write the validation half). Writes everything to bench/out/quality/ and
# bench/out/quality-realdocs/ (gitignored; each run replaces only its own folder, never
# the other benchmarks' output):
# sections.json, cases.json, site/, runs/, results.json, results.md. With
# --update-readme, the first run also rewrites the results part of bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out/quality
mkdir -p target
# The validation half, by the rule of fixfind::eval::Split (first SHA-256 byte % 10 >= 6).
python3 - tests/eval/mined/*.jsonl >target/validation.jsonl <<'PY'
import hashlib, json, sys
for name in sys.argv[1:]:
    for line in open(name, encoding="utf-8"):
        if line.strip() and hashlib.sha256(json.loads(line)["query"].encode()).digest()[0] % 10 >= 6:
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
PY
CASES=(target/validation.jsonl tests/eval/dev.jsonl tests/eval/extra.jsonl)

echo "== build (cargo, examples quality-export and quality-baseline)" >&2
nice -n 10 cargo build --quiet --example quality-export --example quality-baseline

echo "== node dependencies (npm ci)" >&2
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

run() {
  local out=$1
  shift
  rm -rf "$out"
  echo "== export sections, cases and HTML pages ($out)" >&2
  ./target/debug/examples/quality-export "$out" "${CASES[@]}"

  echo "== fixfind and tantivy-default" >&2
  ./target/debug/examples/quality-baseline "$out"

  echo "== MiniSearch" >&2
  node bench/minisearch.mjs "$out"

  echo "== Pagefind (headless Chromium)" >&2
  node bench/pagefind.mjs "$out"

  echo "== scores" >&2
  node bench/score.mjs "$out" "$@"
  echo "results: $out/results.json, $out/results.md" >&2
}

run "$OUT" "$@"

docs="${FIXFIND_REAL_DOCS:-../shared/corpus/milvus-docs}"
if [ -d "$docs" ]; then
  CASES=(tests/eval/realdocs.jsonl)
  FIXFIND_BENCH_CONTENT="$docs" run bench/out/quality-realdocs
else
  echo "skipped the real-docs run: no Milvus docs at $docs" >&2
fi
