#!/usr/bin/env bash
# The native API's memory bound on a large input (not part of the default CI run: about 10 minutes on 2 cores):
# encodes a SIZE_MIB (default 1024) file-backed Blob with the default settings and memoryLimitMb LIMIT_MB
# (default 512, the default bound) under a V8 heap limit of HEAP_MB (default LIMIT_MB), stores the symbols on
# disk, decodes them back with some lost and checks the SHA-256, for both builds; prints one table row each
# (peak RSS above Node's own, which must stay within the bound) with the machine's load.
# Needs the rqlib-wasm package built (mvn -pl java/rqlib-wasm -am package -DskipTests) and ~4 GiB of free disk
# under WORK_DIR (default the temp directory).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
node="$(bash "$root/ci/wasm/node.sh")"
size="${SIZE_MIB:-1024}"
limit="${LIMIT_MB:-512}"
heap="${HEAP_MB:-$limit}"
echo "uptime: $(uptime)"
echo "| build, input | size | memoryLimitMb | layoutMemoryMb used | blocks | block MiB | encode s | decode s | encode peak MiB | peak MiB | heap+external peak MiB | load 1 5 15 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for backend in wasm-gc js; do
    "$node" --max-old-space-size="$heap" "$root/ci/wasm/memory-test.mjs" "$root/java/rqlib-wasm/target/npm" \
        "$backend" "$size" "$limit" --work "${WORK_DIR:-${TMPDIR:-/tmp}}" 2>&1 | grep -v -e ExperimentalWarning -e 'trace-warnings'
done
echo "uptime: $(uptime)"
