#!/usr/bin/env bash
# Fetches the original library (rq-library-wasm 1.0.2) from the npm registry into target/original/package and
# replaces its in-memory browser file shim with one over node:fs, so run-original.mjs can drive it under Node.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/target/original"
if [ -f "$dest/package/.node-shim" ]; then
    echo "$dest/package"
    exit 0
fi
rm -rf "$dest" && mkdir -p "$dest"
(cd "$dest" && npm pack --silent rq-library-wasm@1.0.2 >/dev/null && tar xzf rq-library-wasm-1.0.2.tgz)
shim=$(find "$dest/package/snippets" -name browser_fs_mem.js)
cp "$root/ci/original/node-fs-shim.js" "$shim"
touch "$dest/package/.node-shim"
echo "$dest/package"
