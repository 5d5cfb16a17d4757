#!/usr/bin/env bash
# Rebuilds index/fixfind.bundle from the content folders; Trunk runs it before every
# build (pre-build hook), so dist/ never ships a stale index. Works from any directory.
# FIXFIND_CONTENT lists the content folders, space-separated (default: content; relative
# folders are taken from the directory it is started in), e.g.
#   FIXFIND_CONTENT="content ../our-runbooks" scripts/serve.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args=()
for dir in ${FIXFIND_CONTENT:-$here/content}; do
  args+=(--content "$(cd "$dir" && pwd)")
done
cd "$here"
# The native CLI in the dev profile: quick to compile incrementally next to the wasm build.
exec cargo run --quiet --bin fixfind -- build "${args[@]}" --out index/fixfind.bundle
