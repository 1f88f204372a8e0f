#!/usr/bin/env bash
# The browser build's checks under Node 22+ (run by ci/test.sh after mvn verify has built java/rqlib-wasm):
# both builds (WebAssembly GC and JavaScript) byte-identical to the golden cases, decoding, the compat class.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
pkg="$root/java/rqlib-wasm/target/npm"
if [ ! -f "$pkg/rqlib.mjs" ]; then
    echo "no rqlib-wasm package at $pkg: build it first (mvn -pl java/rqlib-wasm -am package -DskipTests)" >&2
    exit 1
fi
node="$(bash "$root/ci/wasm/node.sh")"
echo "node $("$node" --version) at $node"
"$node" "$root/ci/wasm/golden-test.mjs" "$pkg" "${RQLIB_VECTORS:-$root/testdata/vectors}"
