#!/usr/bin/env bash
# Runs every check fixfind has, on a fresh machine with only Rust: installs what is
# missing, then formatting, lints (native and wasm32), unit and integration tests
# (including the answer-quality floors), the browser tests in headless Chromium, and the
# README's first command (scripts/serve.sh) from a fresh clone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FIXFIND_SETUP_BROWSER=1 scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --check
step "lint (native)"
cargo clippy --all-targets -- -D warnings
step "lint (wasm32)"
cargo clippy --target wasm32-unknown-unknown -- -D warnings
step "unit and integration tests"
cargo test

step "real Milvus docs (issue 8)"
docs="${FIXFIND_REAL_DOCS:-../shared/corpus/milvus-docs}"
if [ -d "$docs" ]; then
  export FIXFIND_REAL_DOCS="$(cd "$docs" && pwd)"
  cargo test --test real_docs -- --ignored
  # The real docs reuse headings across pages: their warnings go to a log, shown on failure.
  mkdir -p target # not there when CARGO_TARGET_DIR points elsewhere
  if ! cargo run --quiet -- build --content "$FIXFIND_REAL_DOCS" --out target/realdocs.bundle \
    2>target/realdocs-build.log; then
    cat target/realdocs-build.log >&2
    exit 1
  fi
  export FIXFIND_REAL_DOCS_BUNDLE="$PWD/target/realdocs.bundle"
  browser_args=()
else
  echo "skipped: no Milvus docs at $docs (set FIXFIND_REAL_DOCS)"
  browser_args=(--skip real_milvus_docs_in_the_browser)
fi

step "browser tests (release build, headless Chromium)"
scripts/browser-test.sh "${browser_args[@]}"

step "serve from a fresh clone (the README's first command)"
scripts/serve-check.sh
