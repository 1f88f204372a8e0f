#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#  1. the native kernel's C tests (x86_64 natively, aarch64 under qemu): ci/native.sh;
#  2. every platform's classifier built with the pinned zig toolchain, checked (glibc 2.17, exports, RUNPATH),
#     run where it can (ARM64 JVM under qemu, Windows C tests under wine64, Java 25 where present) and installed
#     with rqlib-platform into the local Maven repository, then a consumer project of rqlib-platform: ci/platforms.sh;
#  3. every Java test (codec conformance vectors, properties, kernels, file layer, fuzzing, CLI): mvn verify, with
#     the linux-x86_64 library built by the same toolchain, so the suite tests the library that ships;
#  3b. packaging: the CLI archive (rqlib-cli-<version>-bin.tar.gz) round-trips a file unpacked outside the checkout,
#     and a module-path consumer (`requires org.rqlib;`) selects the native kernel, each on Java 17 and 25 with
#     sun.misc.Unsafe denied (ci/cli-archive.sh, ci/consumer-module.sh; the latter installs rqlib into ~/.m2);
#  4. the browser build (java/rqlib-wasm, built by mvn verify) under Node 22+: both its WebAssembly GC and
#     JavaScript builds byte-identical to the golden cases (ci/wasm/test.sh; fetches Node from the npm registry
#     once when the one on PATH is older), and the demo page driven in headless Chromium with both builds;
#  5. the bounded-memory check: a 1 GiB file as one 1280m block at --memory-limit 64m encodes and, with 10% of
#     its symbol files deleted, decodes identically, each under 256 MiB peak RSS (ci/memory-check.sh). It needs
#     about 4 GiB of disk; with less free space it runs on a 256 MiB file and says so;
#  6. streams inside the limit: a 300 MB pipe through `rq encode - OUT` (identical to the file encode) and back
#     through `rq decode OUT -`, each under 256 MiB peak RSS (ci/stream-memory-check.sh; 1 GiB when run alone).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash ci/native.sh
echo
echo "== every platform (ci/platforms.sh)"
bash ci/platforms.sh
echo
echo "== Java build and tests (mvn verify, the glibc 2.17 library of ci/platforms.sh's toolchain)"
mvn -B -ntp verify -Drqlib.zig="$(bash ci/toolchain.sh)"

echo
echo "== packaging: the CLI archive unpacked outside the checkout, and a consumer on the module path (Java 17, 25)"
CLI_ARCHIVE="$(ls "$root"/java/rqlib-cli/target/rqlib-cli-*-bin.tar.gz)" bash ci/cli-archive.sh
bash ci/consumer-module.sh

echo
echo "== browser build under Node (ci/wasm/test.sh)"
bash ci/wasm/test.sh

echo
echo "== bounded memory (ci/memory-check.sh)"
mkdir -p target
free_mb=$(df -Pm target | awk 'NR == 2 {print $4}')
if [ "$free_mb" -ge 5000 ]; then
    MEMCHECK_SIZE_MB=1024 bash ci/memory-check.sh
else
    echo "only ${free_mb} MiB free on disk: running the check on a 256 MiB file instead of 1 GiB"
    MEMCHECK_SIZE_MB=256 bash ci/memory-check.sh
fi

echo
echo "== streams in and out through pipes (ci/stream-memory-check.sh, 300 MB)"
STREAM_MEMCHECK_SIZE_MB=300 bash ci/stream-memory-check.sh
