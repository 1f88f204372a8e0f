#!/usr/bin/env bash
# Builds, on this Linux x86_64 machine, every native classifier that rqlib-platform names, with one pinned cross
# toolchain (zig 0.11 from npm: ci/toolchain.sh), checks each library, runs each where this machine can, and
# installs the whole set (rqlib-parent, rqlib, rqlib-native and its five classifiers, rqlib-cli, rqlib-platform)
# into the local Maven repository. About 2 minutes once the toolchain and zig's libc++ builds are cached (first run
# on a fresh machine: 6-8 minutes more), plus what apt installs.
#
#   linux-x86_64    glibc 2.17 build; the consumer project (ci/consumer/classpath) runs on Java 17 and Java 25
#   linux-arm64     glibc 2.17 build; a real ARM64 JVM under qemu-user selects native-neon, passes the native
#                   tests (conformance vectors on every kernel) and runs the consumer (file round trip, 10% lost)
#   windows-x86_64  the C kernel tests, cross-built with the same toolchain, pass under wine64; DLL exports checked
#   macosx-x86_64, macosx-arm64   built; Mach-O architecture, JNI exports and dependencies checked (no Mac here)
# Every Linux library: no glibc symbol newer than 2.17, no libstdc++/libgcc_s, RUNPATH $ORIGIN only, stripped.
#
# Environment: PLATFORMS_SKIP_BUILD=1 reruns only the checks and runs on what an earlier run installed;
# MAVEN_REPO_LOCAL=DIR installs there instead of ~/.m2/repository; RQLIB_TOOLCHAIN_DIR moves the
# toolchain cache (default ~/.cache/rqlib-toolchain); JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64):
# the Java 25 runs happen only where that JDK exists (no registry reachable from CI serves a JDK 25).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$root/target/platforms"
rm -rf "$work"
mkdir -p "$work"
cache="${RQLIB_TOOLCHAIN_DIR:-$HOME/.cache/rqlib-toolchain}"

step() { printf '\n== platforms: %s\n' "$*"; }
fail() { echo "ci/platforms.sh: FAILED: $*" >&2; exit 1; }

mvn_args=(-B -ntp -q -Dstyle.color=never)
repo="$HOME/.m2/repository"
if [[ -n "${MAVEN_REPO_LOCAL:-}" ]]; then
  repo="$MAVEN_REPO_LOCAL"
  mvn_args+=("-Dmaven.repo.local=$repo")
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' presets/pom.xml | head -1)
# the JNI entry points every library must export: one per native method of the binding
mapfile -t jni_methods < <(grep -oE 'static native [A-Za-z0-9_<>.]+ [A-Za-z0-9_]+\(' \
  presets/src/main/java/org/rqlib/nativekernel/Rqk.java | sed -E 's/.* ([A-Za-z0-9_]+)\($/\1/')
((${#jni_methods[@]} > 0)) || fail "no native methods found in Rqk.java"
platforms=(linux-x86_64 linux-arm64 windows-x86_64 macosx-x86_64 macosx-arm64)

step "packages"
missing=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in file unzip binutils python3 qemu-user-static wine64; do have "$p" || missing+=("$p"); done
command -v npm >/dev/null || missing+=(npm)
arm_root="$cache/arm64-jre17"
arm_java="$arm_root/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
arm_debs=(openjdk-17-jre-headless:arm64 libc6:arm64 zlib1g:arm64 libgcc-s1:arm64 libstdc++6:arm64)
sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
need_update=0
if [[ ! -x "$arm_java" ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo dpkg --add-architecture arm64
  need_update=1
fi
if ((${#missing[@]})) || ((need_update)); then
  $sudo apt-get update -q
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [[ ! -x "$arm_java" ]]; then
  # an ARM64 JRE and its C libraries, unpacked (not installed) for qemu-aarch64-static -L
  echo "fetching an ARM64 JRE: ${arm_debs[*]}"
  rm -rf "$arm_root" "$cache/arm64-debs"
  mkdir -p "$cache/arm64-debs"
  (cd "$cache/arm64-debs" && apt-get download "${arm_debs[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  for deb in "$cache"/arm64-debs/*.deb; do dpkg -x "$deb" "$arm_root.tmp"; done
  mv "$arm_root.tmp" "$arm_root"
  rm -rf "$cache/arm64-debs"
fi
wine="/usr/lib/wine/wine64"
[[ -x "$wine" ]] || wine="$(command -v wine64 || true)"
[[ -n "$wine" ]] || fail "wine64 not found"
echo "ok"

step "toolchain"
zig="$(bash ci/toolchain.sh)"
echo "zig $("$zig/ar" --version >/dev/null 2>&1 && "$cache"/zig-*/zig version) wrappers in $zig"

if [[ -n "${PLATFORMS_SKIP_BUILD:-}" ]]; then
  echo "PLATFORMS_SKIP_BUILD set: checking what is installed in $repo and built in presets/target"
else
  step "build and install linux-x86_64 and the whole reactor"
  start=$SECONDS
  # rqlib-platform builds against the host classifier only in the source tree (its pom's rqlib-source-tree profile)
  # (not the browser build: nothing of it is native, and TeaVM takes minutes)
  mvn "${mvn_args[@]}" -pl "!java/rqlib-wasm" -DskipTests -Drqlib.zig="$zig" install
  echo "reactor: $((SECONDS - start)) s"
  step "build and install the cross classifiers"
  for p in linux-arm64 windows-x86_64 macosx-x86_64 macosx-arm64; do
    start=$SECONDS
    # rqlib comes from the local repository now; the classifier-less rqlib-native jar is the same classes again
    mvn "${mvn_args[@]}" -pl presets -DskipTests -Drqlib.zig="$zig" -P"$p" install
    echo "$p: $((SECONDS - start)) s"
  done
fi

jar_of() { echo "$repo/org/rqlib/rqlib-native/$version/rqlib-native-$version-$1.jar"; }
extract() { # platform -> path of its library, unpacked from the installed classifier jar
  local jar; jar="$(jar_of "$1")"
  [[ -f "$jar" ]] || fail "$jar was not installed"
  if unzip -l "$jar" | grep -q '\.class'; then fail "$jar must hold only the native library"; fi
  mkdir -p "$work/lib/$1"
  unzip -q -o "$jar" -d "$work/lib/$1"
  local lib; lib=$(find "$work/lib/$1/org/rqlib/nativekernel/$1" -type f \( -name '*.so' -o -name '*.dll' -o -name '*.dylib' \))
  [[ -n "$lib" ]] || fail "$jar holds no library under org/rqlib/nativekernel/$1/"
  echo "$lib"
}

check_elf() { # platform, library, expected `file` architecture
  local p="$1" lib="$2" arch="$3" info dyn symbols glibc
  info=$(file "$lib")
  grep -q "ELF 64-bit LSB shared object, $arch" <<<"$info" || fail "$p: not an $arch shared object: $info"
  grep -q ", stripped" <<<"$info" || fail "$p: $lib is not stripped"
  dyn=$(objdump -p "$lib")
  symbols=$(objdump -T "$lib")
  glibc=$(grep -oE 'GLIBC_[0-9.]+' <<<"$symbols" | sort -uV | tail -1 || true)
  [[ -n "$glibc" ]] || fail "$p: no versioned glibc symbols found (objdump cannot read it?)"
  [[ "$(printf '%s\n' "$glibc" GLIBC_2.17 | sort -V | tail -1)" == GLIBC_2.17 ]] \
    || fail "$p: needs $glibc, newer than GLIBC_2.17: $(grep -E "$glibc" <<<"$symbols" | awk '{print $NF}' | tr '\n' ' ')"
  if grep -qE 'GLIBCXX_|CXXABI_|GCC_[0-9]' <<<"$symbols"; then fail "$p: uses a shared libstdc++/libgcc_s symbol"; fi
  local needed; needed=$(awk '$1 == "NEEDED" {print $2}' <<<"$dyn" | sort | tr '\n' ' ')
  for n in $needed; do
    case "$n" in libc.so.6|libdl.so.2|libpthread.so.0|libm.so.6|librt.so.1|ld-linux*) ;;
      *) fail "$p: needs $n (only glibc's own libraries are allowed)";; esac
  done
  local paths; paths=$(awk '$1 == "RPATH" || $1 == "RUNPATH" {print $2}' <<<"$dyn" | tr ':' '\n' | sort -u)
  for r in $paths; do
    [[ "$r" == '$ORIGIN' || "$r" == '$ORIGIN/' ]] || fail "$p: RUNPATH/RPATH holds $r (only \$ORIGIN allowed)"
  done
  for m in "${jni_methods[@]}"; do
    grep -qE " Java_org_rqlib_nativekernel_Rqk_${m}$" <<<"$symbols" || fail "$p: does not export Rqk.$m"
  done
  local other; other=$(awk '/ g .*\.text/ || / g .*\.data/ {print $NF}' <<<"$symbols" \
    | { grep -vE '^(Java_|JNI_On)' || true; } | head -3 | tr '\n' ' ')
  [[ -z "$other" ]] || fail "$p: exports more than the JNI entry points: $other..."
  echo "$p: $arch, $glibc at most, needs: $needed, RUNPATH: ${paths:-none}, stripped, ${#jni_methods[@]} Rqk methods exported"
}

check_pe() { # library
  local lib="$1" info dump imports
  info=$(file "$lib")
  grep -q "PE32+ executable (DLL).*x86-64" <<<"$info" || fail "windows-x86_64: not an x86-64 DLL: $info"
  dump=$(objdump -p "$lib")
  for m in "${jni_methods[@]}"; do
    grep -qE "Java_org_rqlib_nativekernel_Rqk_${m}\$" <<<"$dump" || fail "windows-x86_64: does not export Rqk.$m"
  done
  imports=$(awk '/DLL Name/ {print $3}' <<<"$dump" | sort -u | tr '\n' ' ')
  for d in $imports; do
    case "${d,,}" in kernel32.dll|msvcrt.dll|user32.dll|advapi32.dll|psapi.dll|ntdll.dll|api-ms-win-*) ;;
      *) fail "windows-x86_64: imports $d (the DLL must be self-contained)";; esac
  done
  echo "windows-x86_64: PE32+ x86-64 DLL, imports: $imports, ${#jni_methods[@]} Rqk methods exported"
}

check_macho() { # platform, library, cpu
  local p="$1" lib="$2" cpu="$3" dump
  dump=$(python3 ci/lib/macho.py "$lib") || fail "$p: not a 64-bit Mach-O file"
  grep -qx "cpu $cpu" <<<"$dump" || fail "$p: Mach-O for $(grep '^cpu' <<<"$dump"), not $cpu"
  grep -qx "filetype dylib" <<<"$dump" || fail "$p: not a dylib"
  for m in "${jni_methods[@]}"; do
    grep -qx "export _Java_org_rqlib_nativekernel_Rqk_${m}" <<<"$dump" || fail "$p: does not export Rqk.$m"
  done
  local dylibs; dylibs=$(awk '$1 == "dylib" {print $2}' <<<"$dump" | tr '\n' ' ')
  for d in $dylibs; do
    [[ "$d" == /usr/lib/libSystem.B.dylib ]] || fail "$p: loads $d (libc++ must be linked in)"
  done
  echo "$p: Mach-O $cpu dylib, loads: $dylibs, ${#jni_methods[@]} Rqk methods exported"
}

step "check every library (installed classifier jars)"
lib=$(extract linux-x86_64)
check_elf linux-x86_64 "$lib" x86-64
lib=$(extract linux-arm64)
check_elf linux-arm64 "$lib" "ARM aarch64"
lib=$(extract windows-x86_64)
check_pe "$lib"
lib=$(extract macosx-x86_64)
check_macho macosx-x86_64 "$lib" x86_64
lib=$(extract macosx-arm64)
check_macho macosx-arm64 "$lib" arm64

step "windows-x86_64: C kernel tests under wine64"
cflags=(-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -Inative/include -Inative/src)
bash native/build.sh "$work/windows" "$zig/x86_64-windows-gnu-cc" "$zig/ar" >/dev/null
"$zig/x86_64-windows-gnu-cc" "${cflags[@]}" native/test/rqk_test.c "$work/windows/librqk.a" \
  -o "$work/windows/rqk_test.exe" 2>"$work/windows/cc.log" || { cat "$work/windows/cc.log"; fail "rqk_test.exe did not build"; }
grep -q "PE32+ executable (console) x86-64" <<<"$(file "$work/windows/rqk_test.exe")" || fail "rqk_test.exe is not PE32+"
WINEPREFIX="$cache/wine" WINEDEBUG=-all "$wine" "$work/windows/rqk_test.exe" | tee "$work/windows/test.log"
grep -q "all checks passed" "$work/windows/test.log" || fail "rqk_test.exe under wine64"

step "consumer project: rqlib-platform as its only dependency"
consumer=ci/consumer/classpath
mvn "${mvn_args[@]}" -f "$consumer/pom.xml" clean compile dependency:build-classpath \
  -Dmdep.outputFile="$work/consumer.cp"
cp_all=$(cat "$work/consumer.cp")
for p in "${platforms[@]}"; do
  grep -q "rqlib-native-$version-$p.jar" <<<"$cp_all" || fail "rqlib-platform did not bring the $p classifier"
done
echo "resolves: rqlib, javacpp, rqlib-native and ${#platforms[@]} classifiers"
for p in "${platforms[@]}"; do # -Djavacpp.platform=NAME keeps only NAME's classifier
  mvn "${mvn_args[@]}" -f "$consumer/pom.xml" dependency:build-classpath -Djavacpp.platform="$p" \
    -Dmdep.outputFile="$work/consumer-$p.cp"
  kept=$(tr ':' '\n' <"$work/consumer-$p.cp" | grep -oE "rqlib-native-$version-[a-z0-9_-]+\.jar" | sort -u | tr '\n' ' ')
  [[ "$kept" == "rqlib-native-$version-$p.jar " ]] || fail "-Djavacpp.platform=$p kept: $kept"
done
echo "-Djavacpp.platform=NAME trims to NAME's classifier for each of: ${platforms[*]}"
consumer_cp="$root/$consumer/target/classes:$cp_all"
run_consumer() { # label, expected kernel prefix, size, java command...
  local label="$1" kernel="$2" size="$3"; shift 3
  "$@" -cp "$consumer_cp" org.rqlib.consumer.ClasspathConsumer "$kernel" "$size" "$work/consumer-$label" \
    | tee "$work/consumer-$label.log"
  grep -q "^consumer: .* decoded identically with $kernel" "$work/consumer-$label.log" || fail "consumer on $label"
}
run_consumer java17 native- $((4 << 20)) java
java25_home="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -x "$java25_home/bin/java" ]]; then
  run_consumer java25 native- $((4 << 20)) "$java25_home/bin/java" --enable-native-access=ALL-UNNAMED
else
  echo "SKIPPED: Java 25 consumer run: no JDK 25 at $java25_home (set JAVA25_HOME)"
fi

step "Java 25: conformance, golden files and native loading (--enable-native-access=ALL-UNNAMED)"
if [[ -x "$java25_home/bin/java" ]]; then
  start=$SECONDS
  reports=presets/target/surefire-reports
  rm -rf "$reports" java/rqlib/target/surefire-reports
  mvn "${mvn_args[@]}" -pl java/rqlib,presets surefire:test -Djvm="$java25_home/bin/java" \
    -Dsurefire.argLine="-Xmx1g -XX:MaxDirectMemorySize=1g --enable-native-access=ALL-UNNAMED" \
    -Dtest='ConformanceVectorsTest,GoldenVectorsTest,KernelsSelectionTest,NativeConformanceTest,NativeSelectionTest,NativeLoadFailureTest' \
    -Dsurefire.failIfNoSpecifiedTests=false
  total=$(cat java/rqlib/target/surefire-reports/TEST-*.xml "$reports"/TEST-*.xml | grep -c '<testcase ' || true)
  grep -lq 'name="java.version" value="25' java/rqlib/target/surefire-reports/TEST-*.xml \
    || fail "the Java 25 tests did not run on Java 25"
  echo "Java 25: $total tests passed in 6 classes ($((SECONDS - start)) s)"
else
  echo "SKIPPED: Java 25 tests: no JDK 25 at $java25_home (set JAVA25_HOME)"
fi

step "linux-arm64: an ARM64 JVM under qemu-user"
# named .../bin/java: surefire's jvm parameter must end with "java"
arm_wrapper="$work/arm64-jvm/bin/java"
mkdir -p "$(dirname "$arm_wrapper")"
cat >"$arm_wrapper" <<WRAPPER
#!/bin/sh
# the ARM64 JRE of ci/platforms.sh, run by qemu-user; -XX:TieredStopAtLevel=1: C1 only, the JIT runs emulated
exec qemu-aarch64-static -L "$arm_root" "$arm_java" -XX:TieredStopAtLevel=1 "\$@"
WRAPPER
chmod +x "$arm_wrapper"
"$arm_wrapper" -version 2>&1 | head -1
run_consumer arm64 native-neon $((2 << 20)) "$arm_wrapper"
# the native tests of the binding, in the ARM64 JVM: selection picks native-neon, and every conformance vector is
# re-encoded and decoded with each native kernel it runs (native-neon, native-base); the Java kernel's own run of
# the vectors is pure Java and is left to the x86_64 suite (the emulated JIT would take minutes)
start=$SECONDS
reports=presets/target/surefire-reports
rm -rf "$reports"
mvn "${mvn_args[@]}" -pl presets surefire:test -Djvm="$arm_wrapper" \
  -Dtest='NativeSelectionTest,NativeConformanceTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmaven.test.redirectTestOutputToFile=true
for suite in org.rqlib.nativekernel.NativeSelectionTest org.rqlib.codec.NativeConformanceTest; do
  xml="$reports/TEST-$suite.xml"
  [[ -f "$xml" ]] || fail "$suite did not run in the ARM64 JVM"
  grep -q 'name="os.arch" value="aarch64"' "$xml" || fail "$suite did not run on aarch64"
  grep -h "<testsuite " "$xml" \
    | sed -E 's/.* name="([^"]*)".* tests="([0-9]+)".* skipped="([0-9]+)".* failures="([0-9]+)".*/  \1 on aarch64: \2 tests, \3 skipped, \4 failures/'
  if grep -h "<testsuite " "$xml" | grep -qE ' skipped="[1-9]'; then fail "$suite skipped tests in the ARM64 JVM"; fi
done
grep -q 'kernel: *native-neon' "$reports/org.rqlib.nativekernel.NativeSelectionTest-output.txt" \
  || fail "the ARM64 JVM did not select native-neon"
echo "ARM64 native tests: $((SECONDS - start)) s"

echo
echo "ci/platforms.sh: ${#platforms[@]} classifiers built, checked and installed into $repo"
