#!/usr/bin/env bash
# Bounded-memory check (issue 4): a 1 GiB random file as one 1280m block at --memory-limit 64m encodes, and after
# 10% of its symbol files are deleted decodes back identically, each with the process's peak RSS under 256 MiB.
# Prints time, MB/s and peak RSS of each step; exits 1 if a limit is exceeded or the bytes differ.
# MEMCHECK_DIR picks the work directory (needs about 4 GiB free); MEMCHECK_SIZE_MB the file size (default 1024).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${MEMCHECK_DIR:-$root/target/memory-check}"
size_mb="${MEMCHECK_SIZE_MB:-1024}"
limit_kb=$((256 * 1024))
rm -rf "$work" && mkdir -p "$work"
"$root/rq" info > /dev/null   # builds the jars once
source "$root/ci/rq-jvm.sh"
head -c $((size_mb << 20)) /dev/urandom > "$work/input.bin"

measure() {   # measure NAME command...: runs it under /usr/bin/time, prints a line, returns peak RSS in KiB
    local name="$1"; shift
    /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time" || { cat "$work/$name.out" "$work/$name.time" >&2; exit 1; }
    local rss secs
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    printf '%-7s %8.1f s %8.1f MB/s  peak RSS %6d MiB\n' "$name" "$secs" "$(echo "$size_mb * 1.048576 / $secs" | bc -l)" $((rss / 1024))
    echo "$rss" > "$work/$name.rss"
}

rq_for 64
measure encode "${RQ[@]}" encode --quiet --symbol-size 65535 --redundancy 2 --block-size 1280m --memory-limit 64m \
    "$work/input.bin" "$work/out"
python3 - "$work/out" <<'PY'
import os, random, sys
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if os.path.basename(d).startswith('block_'))
random.Random(2024).shuffle(files)
for f in files[:len(files) // 10]:
    os.remove(f)
print(f"deleted {len(files) // 10} of {len(files)} symbol files")
PY
measure decode "${RQ[@]}" decode --quiet --memory-limit 64m "$work/out" "$work/decoded.bin"
status=0
cmp -s "$work/input.bin" "$work/decoded.bin" && echo "decoded file identical" || { echo "FAIL: decoded file differs"; status=1; }
for step in encode decode; do
    if [ "$(cat "$work/$step.rss")" -ge "$limit_kb" ]; then echo "FAIL: $step peak RSS over 256 MiB"; status=1; fi
done
[ "$status" = 0 ] && rm -rf "$work"
exit "$status"
