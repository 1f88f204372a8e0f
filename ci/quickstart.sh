#!/usr/bin/env bash
# The quick start's main job: builds rq on first use, encodes a sample file into a symbol directory inside a
# 64 MiB memory budget, deletes 10% of the symbol files at random, decodes the rest and checks the result is
# identical to the original.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${QUICKSTART_DIR:-$root/target/quickstart}"
rm -rf "$work" && mkdir -p "$work"

size=$((24 * 1024 * 1024 + 12345))
head -c "$size" /dev/urandom > "$work/sample.bin"

echo "== rq encode: $size bytes, symbol size 65535, redundancy 2, memory limit 64m"
"$root/rq" encode "$work/sample.bin" "$work/symbols" --symbol-size 65535 --redundancy 2 --memory-limit 64m --quiet
total=$(find "$work/symbols" -path '*/block_*' -type f | wc -l)
echo "wrote $total symbol files and $(basename "$work/symbols")/_raptorq_layout.json"

lost=$((total / 10))
find "$work/symbols" -path '*/block_*' -type f | shuf -n "$lost" --random-source=<(yes) | xargs rm -f
echo "== deleted $lost of $total symbol files at random"

echo "== rq decode"
"$root/rq" decode "$work/symbols" "$work/decoded.bin" --memory-limit 64m --quiet
if cmp -s "$work/sample.bin" "$work/decoded.bin"; then
    echo "OK: decoded file is identical to the original ($(sha256sum < "$work/decoded.bin" | cut -c1-16)...)"
else
    echo "FAILED: decoded file differs" >&2
    exit 1
fi
