#!/usr/bin/env bash
# Builds the kernel into a static, position-independent archive: build.sh OUT_DIR [CC] [AR]
#   CC defaults to gcc and AR to $AR or the matching "<prefix>ar" of a cross compiler (aarch64-linux-gnu-gcc ->
#   aarch64-linux-gnu-ar). SIMD flags are per function (target attributes), never global, so the archive
#   runs on any CPU of the architecture and dispatch picks the routines at run time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUT_DIR [CC] [AR]}"
cc="${2:-gcc}"
ar="${3:-${AR:-${cc%gcc}ar}}"
[[ "$ar" == "ar" || -n "${3:-}" ]] || command -v "$ar" >/dev/null || ar=ar
mkdir -p "$out"
flags=(-std=c11 -O3 -Wall -Wextra -Wpedantic -Werror -I"$here/include" -I"$here/src")
case "$cc" in
  *mingw*) ;;               # PE objects are position independent already; -fPIC only draws a warning
  *) flags+=(-fPIC -fvisibility=hidden) ;;
esac
objs=()
for src in "$here"/src/*.c; do
  obj="$out/$(basename "${src%.c}").o"
  "$cc" "${flags[@]}" -c "$src" -o "$obj"
  objs+=("$obj")
done
rm -f "$out/librqk.a"
"$ar" rcs "$out/librqk.a" "${objs[@]}"
echo "built $out/librqk.a with $cc"
