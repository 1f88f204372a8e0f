#!/usr/bin/env bash
# The browser build's checks under Node 22+ (run by ci/test.sh after mvn verify has built java/rqlib-wasm):
# both builds (WebAssembly GC and JavaScript) byte-identical to the golden cases, decoding, the compat class;
# then the demo page in headless Chromium.
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
# the memory bound, small: 48 MiB with memoryLimitMb 160 (blocks of 4 MiB) under a 128 MiB V8 heap, a Blob on the
# WebAssembly GC build and a ReadableStream on the JavaScript one; ci/wasm/memory-large.sh does 1 GiB at 512
for run in "wasm-gc 48 160" "js 48 160 --stream"; do
    # shellcheck disable=SC2086
    "$node" --max-old-space-size=128 "$root/ci/wasm/memory-test.mjs" "$pkg" $run 2>&1 \
        | grep -v -e ExperimentalWarning -e 'trace-warnings'
done

# the demo page in headless Chromium (Debian's chromium; .ci/run installs it). RQLIB_BROWSER_TEST=0 skips it,
# saying so; otherwise a missing Chromium is an error.
if [ "${RQLIB_BROWSER_TEST:-1}" = "0" ]; then
    echo "RQLIB_BROWSER_TEST=0: headless Chromium demo test not run"
    exit 0
fi
chromium="${RQLIB_CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ]; then
    echo "no chromium on PATH (apt-get install chromium, or RQLIB_BROWSER_TEST=0 to skip the demo test)" >&2
    exit 1
fi
pw_version=1.65.1
pw="${RQLIB_NODE_CACHE:-$HOME/.cache/rqlib-node}/playwright-core-$pw_version"
if [ ! -f "$pw/package/index.mjs" ]; then
    mkdir -p "$pw"
    curl -fsSL --retry 3 "https://registry.npmjs.org/playwright-core/-/playwright-core-$pw_version.tgz" | tar xz -C "$pw"
fi
"$node" "$root/ci/wasm/browser-test.mjs" "$pkg" "$pw/package" "$chromium" "$root/target/rqlib-wasm-demo.png"
