#!/usr/bin/env bash
# Trunk pre-build hook: rebuilds index/fixfind.bundle so dist/ never ships a stale index.
# FIXFIND_CONTENT lists the content folders, space-separated (default: content), e.g.
#   FIXFIND_CONTENT="content ../our-runbooks" scripts/serve.sh
set -euo pipefail
args=()
for dir in ${FIXFIND_CONTENT:-content}; do
  args+=(--content "$dir")
done
# The native CLI in the dev profile: quick to compile incrementally next to the wasm build.
exec cargo run --quiet --bin fixfind -- build "${args[@]}" --out index/fixfind.bundle
