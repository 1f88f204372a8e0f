#!/usr/bin/env bash
# Decode at a limit of what an encode at that limit wrote (issue 10, item 1): for each --memory-limit L in
# LIMITS (default "48 64 512") and each input size in SIZES (bytes; default the worst case for the default symbol
# size, 10396464 = one 10 MiB sub-block of K = 159, and 64 MiB), encodes a random file at L, then deletes 0%, 5%
# and 10% of its symbol files (cumulatively) and decodes at L after each step, checking the bytes. Prints a table
# of exit codes, seconds and peak RSS with the machine's load (uptime) beside it; exits 1 when a step fails,
# differs, or its peak RSS exceeds the limit by more than the JVM's own memory that docs/reliability.md states
# (JVM_RESERVE_MIB, default 96). Not in the default CI run (a few minutes). LIMIT_DIR picks the work directory;
# RQ_THREADS the threads.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${LIMIT_DIR:-$root/target/limit-roundtrip}"
limits="${LIMITS:-48 64 512}"
sizes="${SIZES:-10396464 67108864}"
threads="${RQ_THREADS:-2}"
rm -rf "$work" && mkdir -p "$work"
"$root/rq" info > /dev/null   # builds the jars once
source "$root/ci/rq-jvm.sh"
rq_for 0

run() {   # run NAME command...: prints "rc seconds rssMiB"
    local name="$1"; shift
    local rc=0
    /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1 || rc=$?
    read -r secs rss < <(tail -1 "$work/$name.time")
    echo "$rc $secs $((rss / 1024))"
}

delete_to() {   # delete_to DIR PERCENT: deletes symbol files (seeded order) until PERCENT of them are gone
    python3 - "$1" "$2" <<'PY'
import os, random, sys
d, pct = sys.argv[1], int(sys.argv[2])
files = sorted(os.path.join(p, f) for p, _, fs in os.walk(d) for f in fs if os.path.basename(p).startswith('block_'))
total = int(open(os.path.join(d, '.count')).read()) if os.path.exists(os.path.join(d, '.count')) else len(files)
open(os.path.join(d, '.count'), 'w').write(str(total))
random.Random(2024).shuffle(files)
for f in files[:max(0, len(files) - (total - total * pct // 100))]:
    os.remove(f)
PY
}

status=0
printf '%-6s %-10s %-5s %-9s %4s %8s %9s   %s\n' limit size loss step exit seconds "RSS MiB" "load (uptime)"
for size in $sizes; do
    head -c "$size" /dev/urandom > "$work/input.bin"
    for limit in $limits; do
        out="$work/out-$limit"
        rm -rf "$out"
        read -r rc secs rss < <(run "encode-$limit-$size" "${RQ[@]}" encode --quiet --memory-limit "${limit}m" \
            --threads "$threads" "$work/input.bin" "$out")
        printf '%-6s %-10s %-5s %-9s %4s %8s %9s   %s\n' "${limit}m" "$size" - encode "$rc" "$secs" "$rss" "$(uptime | sed 's/.*load/load/')"
        if rss_over_limit "$limit" "$rss" "encode at ${limit}m"; then status=1; fi
        [ "$rc" = 0 ] || { cat "$work/encode-$limit-$size.out"; status=1; continue; }
        for loss in 0 5 10; do
            delete_to "$out" "$loss"
            rm -f "$work/decoded.bin"
            read -r rc secs rss < <(run "decode-$limit-$size-$loss" "${RQ[@]}" decode --quiet --memory-limit "${limit}m" \
                --threads "$threads" "$out" "$work/decoded.bin")
            same=differs
            [ "$rc" = 0 ] && cmp -s "$work/input.bin" "$work/decoded.bin" && same=identical
            printf '%-6s %-10s %-5s %-9s %4s %8s %9s   %s\n' "${limit}m" "$size" "$loss%" "decode" "$rc" "$secs" "$rss" "$(uptime | sed 's/.*load/load/')  $same"
            if rss_over_limit "$limit" "$rss" "decode at ${limit}m with $loss% lost"; then status=1; fi
            if [ "$rc" != 0 ] || [ "$same" != identical ]; then cat "$work/decode-$limit-$size-$loss.out"; status=1; fi
        done
        rm -rf "$out"
    done
done
[ "$status" = 0 ] && rm -rf "$work"
exit "$status"
