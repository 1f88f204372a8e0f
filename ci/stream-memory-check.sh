#!/usr/bin/env bash
# Streams inside the memory limit (issue 11): a random file piped through `rq encode - OUT` at --memory-limit 64m
# (one 1024m block, coded in sub-block groups, the block spooled to a scratch file in OUT's file system) writes
# the same directory, byte for byte, as `rq encode FILE`; then `rq decode OUT -` piped into cmp gives the file
# back after 10% of the symbol files are deleted. Both piped steps must stay under 256 MiB of peak RSS.
# Prints time, MB/s and peak RSS of each step; exits 1 if a limit is exceeded or bytes differ.
# STREAM_MEMCHECK_SIZE_MB: the stream's size (default 1024; ci/test.sh runs 300). STREAM_MEMCHECK_DIR: the work
# directory (needs about 4.5x the size free). STREAM_MEMCHECK_COMPARE=0 skips the file encode used for comparison.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${STREAM_MEMCHECK_DIR:-$root/target/stream-memory-check}"
size_mb="${STREAM_MEMCHECK_SIZE_MB:-1024}"
compare="${STREAM_MEMCHECK_COMPARE:-1}"
limit_kb=$((256 * 1024))
rm -rf "$work" && mkdir -p "$work"
"$root/rq" info > /dev/null   # builds the jars once
source "$root/ci/rq-jvm.sh"
rq_for 64
head -c $((size_mb << 20)) /dev/urandom > "$work/input.bin"
# 1024m: the block size horizon of a stream of unknown length sets its admitted solve, and a 1280m block's (K = 20,480)
# needs more heap than 64m's share holds beside the baseline
settings=(--quiet --symbol-size 65535 --redundancy 2 --block-size 1024m --memory-limit 64m)

report() {   # report NAME: prints the step's line from its /usr/bin/time output, returns nothing
    local name="$1" rss secs
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    printf '%-12s %8.1f s %8.1f MB/s  peak RSS %6d MiB\n' "$name" "$secs" "$(echo "$size_mb * 1.048576 / $secs" | bc -l)" $((rss / 1024))
    echo "$rss" > "$work/$name.rss"
}

# the stream comes through a pipe: rq cannot learn its length or seek in it
cat "$work/input.bin" | /usr/bin/time -v "${RQ[@]}" encode "${settings[@]}" - "$work/out" 2> "$work/pipe-encode.time" \
    || { cat "$work/pipe-encode.time" >&2; exit 1; }
report pipe-encode
status=0
if [ "$compare" = 1 ]; then
    "${RQ[@]}" encode "${settings[@]}" "$work/input.bin" "$work/out-file"
    if diff -r -q "$work/out" "$work/out-file" > /dev/null; then
        echo "piped encode identical to the file encode"
    else
        echo "FAIL: the piped encode differs from the file encode"; status=1
    fi
    rm -rf "$work/out-file"
fi
python3 - "$work/out" <<'PY'
import os, random, sys
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if os.path.basename(d).startswith('block_'))
random.Random(2024).shuffle(files)
for f in files[:len(files) // 10]:
    os.remove(f)
print(f"deleted {len(files) // 10} of {len(files)} symbol files")
PY
set +e
/usr/bin/time -v -o "$work/pipe-decode.time" "${RQ[@]}" decode --quiet --memory-limit 64m "$work/out" - | cmp -s - "$work/input.bin"
codes=("${PIPESTATUS[@]}")
set -e
report pipe-decode
[ "${codes[0]}" = 0 ] || { echo "FAIL: rq decode DIR - exited ${codes[0]}"; cat "$work/pipe-decode.time" >&2; status=1; }
[ "${codes[1]}" = 0 ] && echo "decoded stream identical" || { echo "FAIL: decoded stream differs"; status=1; }
for step in pipe-encode pipe-decode; do
    if [ "$(cat "$work/$step.rss")" -ge "$limit_kb" ]; then echo "FAIL: $step peak RSS over 256 MiB"; status=1; fi
done
if [ -n "$(find "$work/out" -name '.rqlib-scratch*' -print -quit)" ]; then echo "FAIL: a scratch file was left"; status=1; fi
[ "$status" = 0 ] && rm -rf "$work"
exit "$status"
