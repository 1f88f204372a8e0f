#!/usr/bin/env bash
# The whole test suite, as CI runs it: the native kernel's C tests (x86_64 natively, aarch64 under qemu),
# the cross-built classifier jars' checks, then every Java test (codec conformance vectors, properties,
# kernels, CLI). Needs Java 17+, Maven and apt for the cross toolchains (ci/native.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash ci/native.sh
echo
echo "== Java build and tests (mvn verify)"
mvn -B -ntp verify
