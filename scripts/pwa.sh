#!/usr/bin/env bash
# Trunk post-build hook: turns the service-worker template in the staged dist/ into the
# real one, versioned by a hash of every file of this build (see public/sw.js).
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?this script runs as a Trunk hook}"

mapfile -t files < <(find . -type f ! -name sw.js -printf '%P\n' | LC_ALL=C sort)
version=$(cat -- "${files[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s",' "${files[@]}")
sed -i -e "s|__FIXFIND_VERSION__|$version|" -e "s|__FIXFIND_FILES__|[${list%,}]|" sw.js
echo "service worker: version $version, ${#files[@]} files" >&2
