#!/usr/bin/env bash
# Native part of CI (idempotent; about a minute on 2 cores once packages are installed):
#  1. installs the aarch64 cross compiler and qemu when missing (apt; sudo only when not root);
#  2. builds the C kernel and runs the C tests (GF(256) kernel and BLAKE3) natively (x86_64: base, AVX2,
#     AVX-512+GFNI as the CPU allows) and, cross-built for aarch64, under qemu-aarch64-static (base, NEON).
# The classifier jars of every platform are built, checked and run by ci/platforms.sh (the Windows C tests too).
# Usage: bash ci/native.sh   (from anywhere)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$root/target/ci-native"
mkdir -p "$work"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "ci/native.sh: $*" >&2; exit 1; }

step "packages"
packages=(gcc make file binutils gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
          qemu-user-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all present"
fi

step "C kernel + tests, x86_64 (native)"
native/build.sh "$work/x86_64" gcc
cflags=(-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -Inative/include -Inative/src)
gcc "${cflags[@]}" native/test/rqk_test.c "$work/x86_64/librqk.a" -o "$work/x86_64/rqk_test"
"$work/x86_64/rqk_test"
gcc "${cflags[@]}" native/test/blake3_test.c "$work/x86_64/librqk.a" -o "$work/x86_64/blake3_test"
"$work/x86_64/blake3_test"
# the generated tables must be what the generator makes now
gcc "${cflags[@]}" native/tools/gen_tables.c native/src/gf_math.c -o "$work/x86_64/gen_tables"
"$work/x86_64/gen_tables" | cmp - native/src/gf_tables.c || fail "native/src/gf_tables.c is stale: regenerate it"

step "C kernel + tests, aarch64 (qemu-aarch64-static)"
native/build.sh "$work/aarch64" aarch64-linux-gnu-gcc
aarch64-linux-gnu-gcc "${cflags[@]}" native/test/rqk_test.c "$work/aarch64/librqk.a" -o "$work/aarch64/rqk_test"
grep -q "ARM aarch64" <<<"$(file "$work/aarch64/rqk_test")" || fail "aarch64 test binary has the wrong architecture"
qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/aarch64/rqk_test"
aarch64-linux-gnu-gcc "${cflags[@]}" native/test/blake3_test.c "$work/aarch64/librqk.a" -o "$work/aarch64/blake3_test"
qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/aarch64/blake3_test"

echo
echo "ci/native.sh: all native checks passed"
