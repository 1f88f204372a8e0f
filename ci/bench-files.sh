#!/usr/bin/env bash
# File path benchmark (issue 4): time, MB/s and peak RSS of encode and decode (all symbols present, and 10%
# deleted) for 100 MiB and 1 GiB random files at memory limits 64m and 2g, symbol size 65535, rf 2, one block.
# Not a test: it prints a table. BENCH_DIR picks the work directory (needs about 4 GiB free), BENCH_SIZES_MB the sizes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-$root/target/bench-files}"
rm -rf "$work" && mkdir -p "$work"
"$root/rq" info > /dev/null   # builds the jars once
source "$root/ci/rq-jvm.sh"
printf '%-8s %-6s %-13s %9s %9s %10s\n' size limit step seconds MB/s "RSS MiB"
for size_mb in ${BENCH_SIZES_MB:-100 1024}; do
    head -c $((size_mb << 20)) /dev/urandom > "$work/input.bin"
    for limit in 64m 2g; do
        rq_for "$([ "$limit" = 2g ] && echo 2048 || echo 64)"
        row() {
            local step="$1"; shift
            /usr/bin/time -f '%e %M' -o "$work/t" "$@" > /dev/null
            read -r secs rss < "$work/t"
            printf '%-8s %-6s %-13s %9.1f %9.1f %10d\n' "${size_mb}MiB" "$limit" "$step" "$secs" \
                "$(echo "$size_mb * 1.048576 / $secs" | bc -l)" $((rss / 1024))
        }
        rm -rf "$work/out"
        row encode "${RQ[@]}" encode --quiet --symbol-size 65535 --redundancy 2 --block-size 1280m \
            --memory-limit "$limit" "$work/input.bin" "$work/out"
        row decode "${RQ[@]}" decode --quiet --memory-limit "$limit" "$work/out" "$work/decoded.bin"
        cmp -s "$work/input.bin" "$work/decoded.bin" || { echo "decoded file differs" >&2; exit 1; }
        python3 -c "
import os, random, sys
fs = sorted(os.path.join(d, f) for d, _, n in os.walk('$work/out') for f in n if os.path.basename(d).startswith('block_'))
random.Random(7).shuffle(fs)
[os.remove(f) for f in fs[:len(fs) // 10]]"
        row decode-10%lost "${RQ[@]}" decode --quiet --memory-limit "$limit" "$work/out" "$work/decoded.bin"
        cmp -s "$work/input.bin" "$work/decoded.bin" || { echo "decoded file differs" >&2; exit 1; }
    done
done
rm -rf "$work"
