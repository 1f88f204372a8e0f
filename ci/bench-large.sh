#!/usr/bin/env bash
# Large files at small memory limits (issue 10, item 1). Not part of ci/test.sh: it needs disk and time.
#
# 1. `rq metadata` of a sparse file of BENCH_LAYOUT_GB GiB (default 10, default settings: one id per symbol, rf 4)
#    at each limit of BENCH_LAYOUT_LIMITS (default "48m 64m 512m"): each either writes the layout or exits 3 at once
#    with one line naming the limit that would do (never an OutOfMemoryError); then the same decode-side check
#    reads that layout back (no symbol files: exit 1, not enough symbols, after the layout was read and admitted).
# 2. `rq encode` of a file of BENCH_GB GiB (default 20) at each limit of BENCH_LIMITS (default "64m"; the issue's
#    "48m 64m 512m" with BENCH_LIMITS), symbol size 65535, redundancy 2, --block-size BENCH_BLOCK_SIZE (default
#    256m: K = 4096, whose solve and kept plan fit the heap share of the smallest limit); 10% of the symbol files
#    deleted; `rq decode` to standard output at the same limit, compared with the input by cmp as it streams (no
#    second copy on disk).
#    BENCH_INPUT=sparse (default: a sparse file of zeros, no disk for the input) or random (BENCH_GB of disk more).
# Each step prints one table row: exit code, wall and CPU seconds (user + system), peak RSS of the process
# (/usr/bin/time; with a pipe, its largest process) and the load average when it ended; a step whose peak RSS passes
# its limit by more than the JVM's own memory docs/reliability.md states (JVM_RESERVE_MIB, default 96) fails. Steps run under
# `nice -n ${BENCH_NICE:-10}` so the machine stays usable. BENCH_STEPS=layout|files|all. BENCH_RQ: the rq to run
# (default ./rq; point it at a launcher over a copy of the jars when the checkout may be rebuilt meanwhile: a jar
# rewritten under a running JVM breaks it).
# Disk: step 1 needs what its scratch needs in the temporary directory (the repair symbols of one source block:
# R x T, about 32 GB at 10 GiB with rf 4); step 2 about 2 x BENCH_GB in BENCH_DIR (the symbols). Outputs are removed
# as soon as a step no longer needs them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-$root/target/bench-large}"
layout_gb="${BENCH_LAYOUT_GB:-10}"
layout_limits="${BENCH_LAYOUT_LIMITS:-48m 64m 512m}"
gb="${BENCH_GB:-20}"
limits="${BENCH_LIMITS:-${BENCH_LIMIT:-64m}}"
block_size="${BENCH_BLOCK_SIZE:-256m}"
steps="${BENCH_STEPS:-all}"
input_kind="${BENCH_INPUT:-sparse}"
nice_level="${BENCH_NICE:-10}"
rq="${BENCH_RQ:-$root/rq}"
source "$root/ci/rq-jvm.sh"   # rss_over_limit: the JVM's own memory allowed above the limit
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
"$rq" info > /dev/null   # builds the jars once

echo "bench-large on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, started $(date -u +%FT%TZ)"
printf '| %-40s | exit | %8s | %8s | %9s | %-17s | %s\n' step wall_s cpu_s peak_rss load message
row() {   # row NAME RC: one table row from the /usr/bin/time output in $work/t and the stderr in $work/err.txt
    local name="$1" rc="$2" secs user sys rss
    read -r secs user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$work/t" | tail -1)
    printf '| %-40s | %4d | %8.1f | %8.1f | %5d MiB | %-17s | %s\n' "$name" "$rc" "$secs" \
        "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg)" \
        "$(grep -v '^Command exited' "$work/err.txt" | head -c 200 | tr '\n' ' ')"
}

step() {   # step NAME LIMIT COMMAND...: runs it niced under /usr/bin/time, prints its row; fails on a stack trace
    local name="$1" limit_mib; limit_mib="$(to_mib "$2")"; shift 2
    set +e
    nice -n "$nice_level" /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" > "$work/out.txt" 2> "$work/err.txt"
    local rc=$?
    set -e
    row "$name" "$rc"
    if grep -q 'OutOfMemoryError\|Exception in thread' "$work/err.txt"; then
        echo "FAIL: $name ended with a stack trace" >&2; exit 1
    fi
    local rss_kib; rss_kib=$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$work/t" | tail -1 | cut -d' ' -f4)
    local rss_mib=$((rss_kib / 1024))
    if rss_over_limit "$limit_mib" "$rss_mib" "$name"; then exit 1; fi
    last_rc=$rc
}

to_mib() {   # 48m -> 48, 1g -> 1024
    case "${1,,}" in *g) echo $(( ${1%[gG]} * 1024 )) ;; *m) echo "${1%[mM]}" ;; esac
}

if [ "$steps" = all ] || [ "$steps" = layout ]; then
    truncate -s "${layout_gb}G" "$work/sparse.bin"
    mkdir -p "$work/empty"
    for l in $layout_limits; do
        rm -f "$work/layout.json"
        step "metadata ${layout_gb} GiB sparse at $l" "$l" "$rq" metadata --quiet --memory-limit "$l" \
            "$work/sparse.bin" "$work/layout.json"
        [ "$last_rc" = 0 ] || [ "$last_rc" = 3 ] || { echo "FAIL: metadata exit $last_rc" >&2; exit 1; }
        if [ -f "$work/layout.json" ]; then
            step "read its layout back at $l" "$l" "$rq" decode --quiet --memory-limit "$l" \
                --layout "$work/layout.json" "$work/empty" "$work/never.bin"
            [ "$last_rc" = 1 ] || [ "$last_rc" = 3 ] || { echo "FAIL: layout read back exit $last_rc" >&2; exit 1; }
        fi
    done
    rm -f "$work/sparse.bin" "$work/layout.json"
fi

if [ "$steps" = all ] || [ "$steps" = files ]; then
    if [ "$input_kind" = random ]; then
        head -c $((gb << 30)) /dev/urandom > "$work/input.bin"
    else
        truncate -s "${gb}G" "$work/input.bin"
    fi
    for limit in $limits; do
        step "encode ${gb} GiB ($input_kind) at $limit" "$limit" "$rq" encode --quiet --symbol-size 65535 \
            --redundancy 2 --block-size "$block_size" --memory-limit "$limit" "$work/input.bin" "$work/enc"
        [ "$last_rc" = 0 ] || { echo "FAIL: encode exit $last_rc" >&2; exit 1; }
        echo "symbol files: $(du -sh "$work/enc" | cut -f1)"
        python3 -c "
import os, random
fs = sorted(os.path.join(d, f) for d, _, n in os.walk('$work/enc') for f in n if os.path.basename(d).startswith('block_'))
random.Random(7).shuffle(fs)
[os.remove(f) for f in fs[:len(fs) // 10]]
print('deleted', len(fs) // 10, 'of', len(fs), 'symbol files')"
        # decode to standard output, compared as it streams: the decoded copy never lands on disk
        step "decode ${gb} GiB, 10% lost, at $limit" "$limit" bash -c "set -o pipefail; '$rq' decode --quiet \
            --memory-limit '$limit' '$work/enc' - | cmp - '$work/input.bin'"
        [ "$last_rc" = 0 ] || { echo "FAIL: decode exit $last_rc (or the decoded bytes differ)" >&2; exit 1; }
        echo "decoded bytes identical to the input"
        rm -rf "$work/enc"
    done
    rm -f "$work/input.bin"
fi
