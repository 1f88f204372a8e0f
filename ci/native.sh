#!/usr/bin/env bash
# Native part of CI (idempotent; about 2-4 minutes on 2 cores once packages are installed):
#  1. installs the cross toolchains and qemu when missing (apt; sudo only when not root);
#  2. builds the C kernel and runs the C tests (GF(256) kernel and BLAKE3) natively (x86_64: base, AVX2,
#     AVX-512+GFNI as the CPU allows) and, cross-built for aarch64, under qemu-aarch64-static (base, NEON);
#  3. cross-builds the linux-arm64 and windows-x86_64 classifier jars and checks each library's architecture
#     and exported JNI symbols; the linux-x86_64 jar is built and tested by the normal Maven run.
# Usage: bash ci/native.sh   (from anywhere; run the Maven build/test afterwards, e.g. mvn -B verify)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$root/target/ci-native"
mkdir -p "$work"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "ci/native.sh: $*" >&2; exit 1; }

step "packages"
packages=(gcc g++ make file unzip binutils gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross
          binutils-aarch64-linux-gnu qemu-user-static mingw-w64)
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

step "C kernel, windows-x86_64 (mingw-w64, compile only)"
native/build.sh "$work/mingw" x86_64-w64-mingw32-gcc

# Cross classifier jars. -pl builds only the core and the binding; nothing is installed into ~/.m2.
mvn_cross() { mvn -B -q -pl java/rqlib,presets -DskipTests "$@" package; }
lib_dir=presets/target/classes/org/rqlib/nativekernel
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' presets/pom.xml | head -1)
jni_symbols=(bestIsa isaSupported selectIsa isaName xor mulAdd scale runPlan blake3StateBytes blake3Many blake3Init
             blake3Update blake3Final)

check_jar() { # classifier, library file name
  local jar="presets/target/rqlib-native-$version-$1.jar"
  [[ -f "$jar" ]] || fail "$jar was not built"
  local listing; listing=$(unzip -l "$jar")
  grep -q "org/rqlib/nativekernel/$1/$2" <<<"$listing" || fail "$jar lacks org/rqlib/nativekernel/$1/$2"
  if grep -q '\.class' <<<"$listing"; then fail "$jar must hold only the native library"; fi
  echo "$jar: ok"
}

step "linux-arm64 classifier (gcc-aarch64-linux-gnu)"
mvn_cross -Plinux-arm64
so="$lib_dir/linux-arm64/libjniRqk.so"
grep -q "ARM aarch64" <<<"$(file "$so")" || fail "$so is not aarch64"
# captured first: grep -q closing the pipe early would fail the pipeline under pipefail
symbols=$(aarch64-linux-gnu-nm -D --defined-only "$so")
for s in "${jni_symbols[@]}"; do
  grep -q " T Java_org_rqlib_nativekernel_Rqk_${s}$" <<<"$symbols" \
    || fail "$so does not export Java_org_rqlib_nativekernel_Rqk_${s}"
done
echo "glibc needed: $(aarch64-linux-gnu-objdump -T "$so" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
check_jar linux-arm64 libjniRqk.so

step "windows-x86_64 classifier (mingw-w64)"
mvn_cross -Pwindows-x86_64
dll="$lib_dir/windows-x86_64/jniRqk.dll"
grep -q "PE32+ executable (DLL).*x86-64" <<<"$(file "$dll")" || fail "$dll is not an x86-64 DLL"
exports=$(x86_64-w64-mingw32-objdump -p "$dll")
for s in "${jni_symbols[@]}"; do
  grep -q "Java_org_rqlib_nativekernel_Rqk_${s}\$" <<<"$exports" || fail "$dll does not export Rqk_${s}"
done
# self-contained: only system DLLs may be imported
imports=$(grep 'DLL Name' <<<"$exports" | awk '{print $3}' | sort -u | tr '\n' ' ')
echo "imports: $imports"
for d in $imports; do
  case "${d,,}" in kernel32.dll|msvcrt.dll|user32.dll|advapi32.dll|api-ms-win-*) ;; *) fail "$dll imports $d";; esac
done
check_jar windows-x86_64 jniRqk.dll

step "linux-x86_64 library requirements (host build)"
mvn_cross
so="$lib_dir/linux-x86_64/libjniRqk.so"
grep -q "x86-64" <<<"$(file "$so")" || fail "$so is not x86-64"
echo "glibc needed: $(objdump -T "$so" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)," \
     "libstdc++: $(objdump -T "$so" | grep -o 'GLIBCXX_[0-9.]*' | sort -uV | tail -1)"
check_jar linux-x86_64 libjniRqk.so

echo
echo "ci/native.sh: all native checks passed"
