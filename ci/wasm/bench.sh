#!/usr/bin/env bash
# Speed beside the original under Node: encode and decode of a SIZE_MIB (default 100) input with rq-library-wasm
# 1.0.2 and with rqlib-wasm's WebAssembly GC and JavaScript builds, the original's defaults, symbol files on disk.
# Needs the rqlib-wasm package built (mvn -pl java/rqlib-wasm -am package -DskipTests). Several minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
node="$(bash "$root/ci/wasm/node.sh")"
original="$(bash "$root/ci/original/fetch-original.sh")"
"$node" "$root/ci/wasm/bench.mjs" "$root/java/rqlib-wasm/target/npm" "$original" "${SIZE_MIB:-100}" 2>&1 \
    | grep -v -e 'MODULE_TYPELESS_PACKAGE_JSON' -e 'Reparsing as ES module' -e 'To eliminate this warning' -e 'trace-warnings'
