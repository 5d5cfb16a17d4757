#!/usr/bin/env bash
# Size benchmark (issue 6): what the shipped wasm weighs, by crate, against the smallest
# useful tantivy in a browser (bench/tantivy-floor), both through the same
# wasm-bindgen + `wasm-opt -Oz` as `trunk build --release`.
#
#   bench/size.sh
#
# Needs wasm-bindgen and wasm-opt (scripts/setup.sh) and, for the per-crate table,
# twiggy (`cargo install twiggy`). Builds both in release for wasm32 (a few minutes the
# first time). Writes bench/out/size/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
OUT=bench/out/size
mkdir -p "$OUT"

# Same steps as Trunk: wasm-bindgen (web target), then wasm-opt -Oz.
shrink() { # <input.wasm> <name>
  rm -rf "$OUT/$2" && mkdir -p "$OUT/$2"
  wasm-bindgen --target web --no-typescript --out-dir "$OUT/$2" "$1"
  wasm-opt -Oz "$OUT/$2/$(basename "${1%.wasm}")_bg.wasm" -o "$OUT/$2.wasm"
  printf '%-28s raw %8d B   gzip -9 %8d B\n' "$2" "$(stat -c %s "$OUT/$2.wasm")" "$(gzip -9 -c "$OUT/$2.wasm" | wc -c)"
}

echo "== building fixfind and tantivy-floor for wasm32 (release)" >&2
nice -n 10 cargo build --quiet --release --target wasm32-unknown-unknown --bin fixfind
(cd bench/tantivy-floor && nice -n 10 cargo build --quiet --release --target wasm32-unknown-unknown \
  --target-dir ../../target/tantivy-floor)

shrink target/wasm32-unknown-unknown/release/fixfind.wasm fixfind
shrink target/tantivy-floor/wasm32-unknown-unknown/release/tantivy_floor.wasm tantivy-floor

if command -v twiggy >/dev/null; then
  echo
  echo "fixfind.wasm before wasm-opt, code and data by crate (twiggy top; names need the unstripped build):"
  twiggy top -n 100000 target/wasm32-unknown-unknown/release/fixfind.wasm |
    awk -F'┊' 'NF >= 3 { name = $3; gsub(/^ +/, "", name); split(name, a, "::"); k = a[1]; sub(/^<+/, "", k); sub(/\[.*/, "", k); s[k] += $1 }
      END { for (k in s) printf "%9d  %s\n", s[k], k }' |
    sort -rn | grep -v 'Σ\|function names\|__wasm_bindgen_unstable' | head -20
fi
