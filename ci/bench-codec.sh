#!/usr/bin/env bash
# Codec speed beside cberner/raptorq (issue 12, goal 4): runs the anchor harness and `rq bench` alternately, ROUNDS
# times, and prints each round's figures with the machine's load beside them, the ratios rqlib / raptorq, and a
# summary of the best figure of each program per K (the least disturbed run on a shared machine) with its ratio.
# Definitions are the same on both sides: T = 1280, one thread, MiB/s of source data; encode = intermediate symbols
# + ceil(K/10) repair symbols with the plan prebuilt; decode = from exactly K repair symbols.
#
# usage: bash ci/bench-codec.sh [ROUNDS]            (default 3; not part of the default CI run)
#   BENCH_K        K values (default 1000,10000,50000)
#   BENCH_KERNEL   rqlib kernel (default native-avx512gfni when this CPU runs it, else native-avx2)
#   BENCH_SECONDS  rq bench --seconds (default 1)
#   RAPTORQ_GIT    git directory of cberner/raptorq (default ../.mirror/cberner+raptorq/repo beside the checkout;
#                  the search tool's fetch of github:cberner/raptorq gives one)
#   ANCHOR_RUN     the anchor harness (default ../shared/anchors/raptorq-bench/run.sh beside the checkout); it
#                  builds raptorq offline with cargo and target-cpu=native on first use
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${1:-3}
ks=${BENCH_K:-1000,10000,50000}
seconds=${BENCH_SECONDS:-1}
git_dir=${RAPTORQ_GIT:-$root/../.mirror/cberner+raptorq/repo}
anchor=${ANCHOR_RUN:-$root/../shared/anchors/raptorq-bench/run.sh}
[ -d "$git_dir" ] || { echo "bench-codec: no raptorq git directory at $git_dir (set RAPTORQ_GIT)" >&2; exit 2; }
[ -f "$anchor" ] || { echo "bench-codec: no anchor harness at $anchor (set ANCHOR_RUN)" >&2; exit 2; }
kernel=${BENCH_KERNEL:-}
if [ -z "$kernel" ]; then
    if grep -qw gfni /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo; then kernel=native-avx512gfni; else kernel=native-avx2; fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1 /proc/loadavg; }

# one line per round and K: round K program load encode decode [ops/K]
for ((r = 1; r <= rounds; r++)); do
    l=$(load)
    bash "$anchor" "$git_dir" ${ks//,/ } >"$work/anchor.txt"
    # K plan_ms encode1 encode10 dec0 dec5
    awk -v r="$r" -v l="$l" 'NR > 1 { print r, $1, "raptorq", l, $4, $5, "-" }' "$work/anchor.txt" >>"$work/rows"
    l=$(load)
    "$root/rq" bench --codec-only --k="$ks" --kernel="$kernel" --seconds="$seconds" >"$work/rq.txt"
    # K encode enc+plan decode dec1.05K plan_ms enc_ops dec_ops
    awk -v r="$r" -v l="$l" '$1 ~ /^[0-9]+$/ { print r, $1, "rqlib", l, $2, $4, $7 }' "$work/rq.txt" >>"$work/rows"
done

echo "cberner/raptorq (anchor) and rqlib ($kernel) alternately, T = 1280, one thread, MiB/s of source data"
echo "$(nproc) CPUs; load = 1-minute load average when the program started; uptime at the end: $(uptime)"
printf '%5s %6s %8s %7s %9s %9s %8s %8s %9s\n' round K program load encode decode 'enc x' 'dec x' 'enc ops/K'
sort -k2,2n -k1,1n -k3,3 "$work/rows" | awk '
    $3 == "raptorq" { ae = $5; ad = $6; printf "%5s %6s %8s %7s %9s %9s %8s %8s %9s\n", $1, $2, $3, $4, $5, $6, "", "", "" }
    $3 == "rqlib" { printf "%5s %6s %8s %7s %9s %9s %8.2f %8.2f %9s\n", $1, $2, $3, $4, $5, $6, $5 / ae, $6 / ad, $7 }'
echo
echo "best of $rounds rounds per program (the least disturbed run), ratio of the bests:"
printf '%6s %14s %12s %8s %14s %12s %8s\n' K 'raptorq enc' 'rqlib enc' 'enc x' 'raptorq dec' 'rqlib dec' 'dec x'
awk '
    $3 == "raptorq" { if ($5 > ae[$2]) ae[$2] = $5; if ($6 > ad[$2]) ad[$2] = $6; ks[$2] = 1 }
    $3 == "rqlib" { if ($5 > re[$2]) re[$2] = $5; if ($6 > rd[$2]) rd[$2] = $6 }
    END { for (k in ks) printf "%6d %14d %12d %8.2f %14d %12d %8.2f\n", k, ae[k], re[k], re[k] / ae[k], ad[k], rd[k], rd[k] / ad[k] }' \
    "$work/rows" | sort -n
