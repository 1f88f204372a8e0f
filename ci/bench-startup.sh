#!/usr/bin/env bash
# Start-up benchmark (issue 12, AppCDS): `rq info` and a 100 MiB encode, with the launcher's AppCDS archive off and
# on, on Java 17 and (where installed) Java 25. Not a test: it prints a markdown table, with the machine's 1-minute
# load beside each row (the machine may be shared: compare rows of one run only).
#
# Each row: the best (least) wall and CPU (user + sys) seconds of BENCH_INFO_RUNS (5) `rq info` runs and of
# BENCH_ENCODE_RUNS (3) encodes of one random BENCH_STARTUP_MB (100) MiB file at --memory-limit 64m (symbol size
# 65535, redundancy 2), each encode into a directory of its own. "on" first makes the archive (one encode, not
# counted) in a private RQ_CDS_DIR, so the rows measure using an archive, not making it. JAVA25_HOME (default
# /usr/lib/jvm/temurin-25-jdk-amd64) adds the Java 25 rows; BENCH_DIR picks the work directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-$root/target/bench-startup}"
info_runs="${BENCH_INFO_RUNS:-5}"
encode_runs="${BENCH_ENCODE_RUNS:-3}"
size_mb="${BENCH_STARTUP_MB:-100}"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
"$root/rq" info > /dev/null   # builds the jars once
lib="$root/java/rqlib-cli/target/lib"
input="$work/input.bin"
head -c $((size_mb << 20)) /dev/urandom > "$input"

javas=("17:${JAVA_HOME:-}")
j25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -x "$j25/bin/java" ]; then
    javas+=("25:$j25")
else
    echo "(no Java 25 at $j25: Java 17 rows only)" >&2
fi

run=0
best() {   # best CDS RUNS COMMAND...: prints "wall cpu" of the least-wall run
    local cds="$1" runs="$2"; shift 2
    local bw="" bc=""
    for ((i = 0; i < runs; i++)); do
        run=$((run + 1))
        local cmd=("$@")
        cmd=("${cmd[@]//@OUT@/$work/out-$run}")
        /usr/bin/time -f '%e %U %S' -o "$work/time" env RQ_LIB="$lib" RQ_CDS="$cds" RQ_CDS_DIR="$work/cds" \
            ${JAVA_HOME_FOR_RUN:+JAVA_HOME="$JAVA_HOME_FOR_RUN"} "$root/java/rqlib-cli/src/main/bin/rq" "${cmd[@]}" \
            > /dev/null
        local w u s
        read -r w u s < "$work/time"
        rm -rf "$work/out-$run"
        if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc -l)" = 1 ]; then
            bw="$w"
        fi
        local c
        c="$(echo "$u + $s" | bc -l)"
        if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc -l)" = 1 ]; then
            bc="$c"
        fi
    done
    echo "$bw $bc"
}

echo "rq start-up, $(nproc) cores, best of $info_runs \`rq info\` and of $encode_runs encodes of $size_mb MiB at 64m"
echo
echo "| Java | AppCDS | load | \`rq info\` wall s | \`rq info\` CPU s | $size_mb MiB encode wall s | $size_mb MiB encode CPU s |"
echo "|---|---|---|---|---|---|---|"
encode=(encode --quiet --symbol-size 65535 --redundancy 2 --memory-limit 64m "$input" @OUT@)
for entry in "${javas[@]}"; do
    version="${entry%%:*}"
    export JAVA_HOME_FOR_RUN="${entry#*:}"
    for cds in off on; do
        rm -rf "$work/cds"
        if [ "$cds" = on ]; then
            best on 1 "${encode[@]}" > /dev/null   # makes the archive, from the encode it measures
            ls "$work"/cds/*.jsa > /dev/null 2>&1 || echo "(Java $version: no archive was made)" >&2
        fi
        load="$(cut -d' ' -f1 /proc/loadavg)"
        read -r iw ic <<< "$(best "$cds" "$info_runs" info)"
        read -r ew ec <<< "$(best "$cds" "$encode_runs" "${encode[@]}")"
        printf '| %s | %s | %s | %.2f | %.2f | %.2f | %.2f |\n' "$version" "$cds" "$load" "$iw" "$ic" "$ew" "$ec"
    done
done
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
