#!/usr/bin/env bash
# Large files at small memory limits (issue 10, item 1). Not part of ci/test.sh: it needs disk and time.
#
# 1. `rq metadata` of a sparse file of BENCH_LAYOUT_GB GiB (default 10, default settings: one id per symbol, rf 4)
#    at --memory-limit 48m, 64m and 512m: each either writes the layout or exits 3 with one line naming the limit
#    that would do (never an OutOfMemoryError); then the same decode-side check reads that layout back.
# 2. `rq encode`, then `rq decode` after deleting 10% of the symbol files, of a random file of BENCH_GB GiB
#    (default 20) at BENCH_LIMIT (default 64m), symbol size 65535, redundancy 2 (--block-size 1280m keeps the
#    blocks the size the 1 GiB memory check uses); the decoded file must equal the input.
# Each step prints its exit code, seconds and the peak RSS of the whole process (/usr/bin/time).
# Disk: step 2 needs about 4 x BENCH_GB free in BENCH_DIR (input, symbols, output). BENCH_STEPS=layout|files|all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-$root/target/bench-large}"
layout_gb="${BENCH_LAYOUT_GB:-10}"
gb="${BENCH_GB:-20}"
limit="${BENCH_LIMIT:-64m}"
steps="${BENCH_STEPS:-all}"
rm -rf "$work" && mkdir -p "$work"
"$root/rq" info > /dev/null   # builds the jars once

step() {   # step NAME COMMAND...: runs it under /usr/bin/time and prints one line
    local name="$1"; shift
    set +e
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" > "$work/out.txt" 2> "$work/err.txt"
    local rc=$?
    set -e
    read -r secs rss < <(tail -1 "$work/t")
    printf '%-34s exit %d  %8.1f s  peak RSS %6d MiB  %s\n' "$name" "$rc" "$secs" $((rss / 1024)) \
        "$(grep -v '^Command exited' "$work/err.txt" | head -c 300 | tr '\n' ' ')"
    if grep -q 'OutOfMemoryError\|Exception in thread' "$work/err.txt"; then
        echo "FAIL: $name ended with a stack trace" >&2; exit 1
    fi
    [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "FAIL: $name exit $rc" >&2; exit 1; }
    return 0
}

if [ "$steps" = all ] || [ "$steps" = layout ]; then
    truncate -s "${layout_gb}G" "$work/sparse.bin"
    for l in 48m 64m 512m; do
        rm -f "$work/layout.json"
        step "metadata ${layout_gb} GiB sparse at $l" "$root/rq" metadata --quiet --memory-limit "$l" \
            "$work/sparse.bin" "$work/layout.json"
        if [ -f "$work/layout.json" ]; then
            mkdir -p "$work/empty"
            # no symbol files: reading the layout and admitting the job is what is measured (exit 1: not enough)
            set +e
            /usr/bin/time -f '%e %M' -o "$work/t" "$root/rq" decode --quiet --memory-limit "$l" \
                --layout "$work/layout.json" "$work/empty" "$work/never.bin" > /dev/null 2> "$work/err.txt"
            rc=$?
            set -e
            read -r secs rss < <(tail -1 "$work/t")
            printf '%-34s exit %d  %8.1f s  peak RSS %6d MiB  %s\n' "read layout back at $l" "$rc" "$secs" \
                $((rss / 1024)) "$(head -c 200 "$work/err.txt" | tr '\n' ' ')"
            grep -q 'OutOfMemoryError\|Exception in thread' "$work/err.txt" && { echo "FAIL: stack trace" >&2; exit 1; }
        fi
    done
    rm -f "$work/sparse.bin" "$work/layout.json"
fi

if [ "$steps" = all ] || [ "$steps" = files ]; then
    head -c $((gb << 30)) /dev/urandom > "$work/input.bin"
    step "encode ${gb} GiB at $limit" "$root/rq" encode --quiet --symbol-size 65535 --redundancy 2 \
        --block-size 1280m --memory-limit "$limit" "$work/input.bin" "$work/enc"
    python3 -c "
import os, random
fs = sorted(os.path.join(d, f) for d, _, n in os.walk('$work/enc') for f in n if os.path.basename(d).startswith('block_'))
random.Random(7).shuffle(fs)
[os.remove(f) for f in fs[:len(fs) // 10]]"
    step "decode ${gb} GiB, 10% lost, at $limit" "$root/rq" decode --quiet --memory-limit "$limit" \
        "$work/enc" "$work/decoded.bin"
    cmp -s "$work/input.bin" "$work/decoded.bin" || { echo "FAIL: decoded file differs" >&2; exit 1; }
    echo "decoded file identical"
fi
rm -rf "$work"
