#!/usr/bin/env bash
# Fetches the original library (rq-library-wasm 1.0.2) from the npm registry (npm pack, or curl without npm)
# into target/original/package and
# replaces its in-memory browser file shim with one over node:fs, so run-original.mjs can drive it under Node.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/target/original"
if [ -f "$dest/package/.node-shim" ]; then
    echo "$dest/package"
    exit 0
fi
rm -rf "$dest" && mkdir -p "$dest"
if command -v npm >/dev/null 2>&1; then
    (cd "$dest" && npm pack --silent rq-library-wasm@1.0.2 >/dev/null)
else
    curl -fsSL --retry 3 -o "$dest/rq-library-wasm-1.0.2.tgz" https://registry.npmjs.org/rq-library-wasm/-/rq-library-wasm-1.0.2.tgz
fi
(cd "$dest" && tar xzf rq-library-wasm-1.0.2.tgz)
shim=$(find "$dest/package/snippets" -name browser_fs_mem.js)
cp "$root/ci/original/node-fs-shim.js" "$shim"
touch "$dest/package/.node-shim"
echo "$dest/package"
