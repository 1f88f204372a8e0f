#!/usr/bin/env bash
# Did the pure-core refactor (issue 13 item 1: the codec's memory behind SymbolBufferAllocator, 2d54832, and the
# RFC tables as Java code with kernel selection outside the core, abef3fc) cost the JVM build speed or memory?
# Builds the commit before it (BEFORE, default 452ba18) from git into a work directory and runs it against this
# checkout, interleaved (before, after, before, after, ... ROUNDS times, default 2) so that a busy machine hurts
# both alike:
#  - `rq bench` (one thread, T = 1280) on the Java kernel and the best native one (KERNELS, default
#    "java native-avx2"), K = 1000 and 10000 (BENCH_K), BENCH_SECONDS (1) per measurement: encode and decode MiB/s;
#  - a SIZE_MB (default 1024) random file: encode (symbol size 65535, redundancy 2, --memory-limit 512m, 2
#    threads), then decode after 10% of the symbol files were deleted (the same ones for both): wall seconds and
#    peak RSS.
# Every row carries the 1-minute load average when it started. Not part of CI: about 10 minutes on 2 cores, and
# 3.5 GiB of disk under WORK_DIR (default target/bench-core-refactor). Both builds use ~/.m2 (MAVEN_REPO_LOCAL
# overrides it), offline when MAVEN_OFFLINE=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="${BEFORE:-452ba18}"
work="${WORK_DIR:-$root/target/bench-core-refactor}"
size_mb="${SIZE_MB:-1024}"
mvn_opts=(-q -B -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dassembly.skipAssembly=true)
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_opts+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
[ "${MAVEN_OFFLINE:-0}" = 1 ] && mvn_opts+=(-o)

rm -rf "$work"
mkdir -p "$work/before"
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$before" | tar -x -C "$work/before"
echo "building $before and this checkout ($(git -C "$root" rev-parse --short HEAD))..." >&2
for tree in "$work/before" "$root"; do
    (cd "$tree" && mvn "${mvn_opts[@]}" -pl java/rqlib-cli -am package >&2 && touch java/rqlib-cli/target/.rq-built)
done
declare -A rq=([before]="$work/before/rq" [after]="$root/rq")
export RQ_CDS=off   # the AppCDS archive came later; start-up is not what is compared here

load() { cut -d' ' -f1 /proc/loadavg; }
echo "pure-core refactor: before = $before, after = $(git -C "$root" rev-parse --short HEAD); $(nproc) cores,"\
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "uptime at the start: $(uptime)"
echo
echo "| round | build | kernel | K | encode MiB/s | decode MiB/s | load |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "${ROUNDS:-2}"); do
    for build in before after; do
        for kernel in ${KERNELS:-java native-avx2}; do
            l="$(load)"
            "${rq[$build]}" bench --seconds "${BENCH_SECONDS:-1}" --kernel "$kernel" --k "${BENCH_K:-1000,10000}" 2>&1 \
                | awk -v r="$round" -v b="$build" -v k="$kernel" -v l="$l" \
                    '$1 ~ /^[0-9]+$/ && NF >= 6 { printf "| %s | %s | %s | %s | %s | %s | %s |\n", r, b, k, $1, $2, $4, l }'
        done
    done
done

echo
input="$work/input.bin"
head -c $((size_mb << 20)) /dev/urandom > "$input"
echo "| round | build | step ($size_mb MiB, 512m, 2 threads) | wall s | peak RSS MiB | load |"
echo "|---|---|---|---|---|---|"
step() {   # step ROUND BUILD NAME COMMAND...
    local round="$1" build="$2" name="$3" l secs rss; shift 3
    l="$(load)"
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null
    read -r secs rss < "$work/time"
    printf '| %s | %s | %s | %.1f | %d | %s |\n' "$round" "$build" "$name" "$secs" $((rss / 1024)) "$l"
}
for round in $(seq 1 "${ROUNDS:-2}"); do
    for build in before after; do
        out="$work/out-$round-$build"
        step "$round" "$build" encode "${rq[$build]}" encode --quiet --symbol-size 65535 --redundancy 2 \
            --threads 2 --memory-limit 512m "$input" "$out"
        python3 -c "
import os, random
fs = sorted(os.path.join(d, f) for d, _, n in os.walk('$out') for f in n if os.path.basename(d).startswith('block_'))
random.Random(7).shuffle(fs)
[os.remove(f) for f in fs[:len(fs) // 10]]"
        step "$round" "$build" decode-10%lost "${rq[$build]}" decode --quiet --threads 2 --memory-limit 512m \
            "$out" "$work/decoded.bin"
        cmp -s "$input" "$work/decoded.bin" || { echo "$build: decoded file differs" >&2; exit 1; }
        rm -rf "$out" "$work/decoded.bin"
    done
done
echo
echo "uptime at the end: $(uptime)"
