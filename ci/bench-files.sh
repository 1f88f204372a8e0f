#!/usr/bin/env bash
# File path benchmark (issue 12): rqlib against the disk's write floor, in the same run. Not a test: it prints a
# markdown table (the README's file table comes from it).
#
# For each size (BENCH_SIZES_MB, default "100 1024") a random file is made, then:
#  - floor: `split` writes the file twice over (redundancy 2) as files of a symbol file's size (symbol size 65535
#    plus the 4-byte header): 32767 files of 65539 bytes for 1 GiB, what the encoder writes;
#  - for each memory limit (BENCH_LIMITS, default "64m 2g"): encode (symbol size 65535, redundancy 2, one 1280m
#    block, 2 threads), decode with every symbol file, and decode after 10% of the symbol files were deleted.
# Every step writes into a directory (or file) of its own that did not exist before, and nothing is deleted until
# the end: creating files right after an `rm -rf` of many others is slow on some file systems (ext4 here) and
# inflated earlier figures 2-3.7x. Each row: wall seconds, CPU seconds (user + sys), MB/s of the file, peak RSS,
# the 1-minute load average when the step started (the machine may be shared: compare rows of one run only), and
# wall / floor wall.
#
# BENCH_DIR picks the work directory (needs about 11 GiB free for 1 GiB), BENCH_THREADS the threads (2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-$root/target/bench-files}"
threads="${BENCH_THREADS:-2}"
symbol_size=65535
if [ -e "$work" ]; then
    # an old run's files: moved aside now and deleted at the end, not right before the measurements
    mv "$work" "$work.old.$$"
fi
mkdir -p "$work"
cleanup() { rm -rf "$work" "$work".old.*; }
trap cleanup EXIT
"$root/rq" info > /dev/null   # builds the jars once
source "$root/ci/rq-jvm.sh"

echo "rqlib file benchmark, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"\
    "symbol size $symbol_size, redundancy 2, block size 1280m, $threads threads"
echo
echo "| size | limit | step | wall s | CPU s | MB/s | peak RSS MiB | load | x floor |"
echo "|---|---|---|---|---|---|---|---|---|"

floor_secs=""
row() {   # row SIZE_MB LIMIT STEP COMMAND...: runs the command under /usr/bin/time and prints a table row
    local size_mb="$1" limit="$2" step="$3"; shift 3
    local load
    load="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > /dev/null
    local secs user sys rss
    read -r secs user sys rss < "$work/time"
    local ratio="1.00"
    if [ -n "$floor_secs" ]; then
        ratio="$(echo "$secs / $floor_secs" | bc -l)"
    fi
    printf '| %s MiB | %s | %s | %.1f | %.1f | %.0f | %d | %s | %.2f |\n' "$size_mb" "$limit" "$step" "$secs" \
        "$(echo "$user + $sys" | bc -l)" "$(echo "$size_mb * 1.048576 / $secs" | bc -l)" $((rss / 1024)) "$load" \
        "$ratio"
    if [ "$step" = floor ]; then
        floor_secs="$secs"
    fi
}

for size_mb in ${BENCH_SIZES_MB:-100 1024}; do
    input="$work/input-$size_mb.bin"
    head -c $((size_mb << 20)) /dev/urandom > "$input"
    floor_secs=""
    row "$size_mb" - floor bash -c "mkdir '$work/floor-$size_mb' && cat '$input' '$input' \
        | split -a 6 -b $((symbol_size + 4)) - '$work/floor-$size_mb/s'"
    for limit in ${BENCH_LIMITS:-64m 2g}; do
        rq_for "$([ "$limit" = 2g ] && echo 2048 || echo "${limit%m}")"
        out="$work/out-$size_mb-$limit"
        row "$size_mb" "$limit" encode "${RQ[@]}" encode --quiet --symbol-size "$symbol_size" --redundancy 2 \
            --block-size 1280m --threads "$threads" --memory-limit "$limit" "$input" "$out"
        row "$size_mb" "$limit" decode "${RQ[@]}" decode --quiet --threads "$threads" --memory-limit "$limit" \
            "$out" "$work/decoded-$size_mb-$limit.bin"
        cmp -s "$input" "$work/decoded-$size_mb-$limit.bin" || { echo "decoded file differs" >&2; exit 1; }
        python3 -c "
import os, random
fs = sorted(os.path.join(d, f) for d, _, n in os.walk('$out') for f in n if os.path.basename(d).startswith('block_'))
random.Random(7).shuffle(fs)
[os.remove(f) for f in fs[:len(fs) // 10]]"
        row "$size_mb" "$limit" decode-10%lost "${RQ[@]}" decode --quiet --threads "$threads" \
            --memory-limit "$limit" "$out" "$work/decoded-lost-$size_mb-$limit.bin"
        cmp -s "$input" "$work/decoded-lost-$size_mb-$limit.bin" || { echo "decoded file differs" >&2; exit 1; }
    done
done
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
