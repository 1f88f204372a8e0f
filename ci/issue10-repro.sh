#!/bin/bash
# Reproductions of issue 10's defects through one rq build, for the table in docs/reliability.md ("Every defect of
# issue 10"): bash ci/issue10-repro.sh RQ LABEL, where RQ is the rq launcher of the build to try (this checkout's
# ./rq, or that of an old commit built in a worktree of its own). Prints one line per case: case | exit code |
# wall s | peak RSS | what happened; `timeout` ends what hangs (exit 124). Not part of any test run: it needs about
# 3 GB of disk in REPRO_DIR (default /tmp/issue10-repro) and an old build allocates up to 6 GB of memory.
# BIG_LAYOUT: a layout of a default 6 GiB encode (688,151 ids) for the first case, which is skipped without it.
set -u
RQ="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; LABEL="$2"
BIG_LAYOUT="${BIG_LAYOUT:+$(cd "$(dirname "$BIG_LAYOUT")" && pwd)/$(basename "$BIG_LAYOUT")}"
mkdir -p "${REPRO_DIR:-/tmp/issue10-repro}" && cd "${REPRO_DIR:-/tmp/issue10-repro}"
mkdir -p in; W=work-$LABEL; rm -rf $W; mkdir -p $W
[ -f in/r200.bin ] || head -c 200000000 /dev/urandom > in/r200.bin
[ -f in/s24.bin ] || head -c 25165824 /dev/urandom > in/s24.bin
line() { printf '%-34s | %-5s | %7s s | %6s MiB | %s\n' "$1" "$2" "$3" "$4" "$5"; }
run() {  # run NAME TIMEOUT cmd...
  local name=$1 to=$2; shift 2
  /usr/bin/time -f '%e %M' -o $W/t timeout -k 5 $to "$@" > $W/out 2> $W/err; local rc=$?
  read -r s m < <(grep -E '^[0-9.]+ [0-9]+$' $W/t | tail -1)
  local msg; msg=$(grep -v '^Command\|^\s*at ' $W/err | head -c 160 | tr '\n\t' '  ' | cat -v)
  grep -q 'Exception in thread\|OutOfMemoryError' $W/err && msg="[stack trace] $msg"
  line "$name" "$rc" "${s:-?}" "$(( ${m:-0} / 1024 ))" "$msg"
}
echo "== $LABEL: $RQ  load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p $W/empty
# D1: layout of a default 6 GiB encode (688,151 ids) read at 64m
[ -n "$BIG_LAYOUT" ] && run "6GiB layout read at 64m" 300 $RQ decode --quiet --memory-limit 64m --layout "$BIG_LAYOUT" \
    $W/empty $W/o1.bin
# D4: layout linked to /dev/zero
ln -sf /dev/zero $W/zero.json
run "layout -> /dev/zero" 60 $RQ decode --quiet --memory-limit 64m --layout $W/zero.json $W/empty $W/o4.bin
# D5: a 10 MB id; D16: control characters in an id
$RQ encode --quiet --memory-limit 64m in/s24.bin $W/enc24 > /dev/null 2>&1
python3 - $W <<'PY'
import json, sys
w = sys.argv[1]
d = json.load(open(w + '/enc24/_raptorq_layout.json'))
d['blocks'][0]['symbols'][0] = 'z' * 10_000_000
json.dump(d, open(w + '/longid.json', 'w'))
d = json.load(open(w + '/enc24/_raptorq_layout.json'))
d['blocks'][0]['symbols'][0] = '\x1b[31mRED\x1b[0m\x07'
json.dump(d, open(w + '/ctrl.json', 'w'), ensure_ascii=False)
PY
run "10 MB layout id" 120 $RQ decode --quiet --memory-limit 64m --layout $W/longid.json $W/enc24 $W/o5.bin
run "control chars in an id" 60 $RQ decode --quiet --memory-limit 64m --layout $W/ctrl.json $W/enc24 $W/o16.bin
grep -q $'\x1b' $W/err && echo "    (stderr holds a raw ESC byte)" || echo "    (no raw ESC byte in stderr)"
# D6: a FIFO as a symbol file, and as the layout
cp -r $W/enc24 $W/fifo; f=$(python3 -c "import json; print(json.load(open('$W/enc24/_raptorq_layout.json'))['blocks'][0]['symbols'][0])"); rm $W/fifo/block_0/$f; mkfifo $W/fifo/block_0/$f
run "FIFO as a symbol file" 60 $RQ decode --quiet --memory-limit 64m $W/fifo $W/o6.bin
mkfifo $W/lay.fifo
run "FIFO as the layout" 30 $RQ decode --quiet --memory-limit 64m --layout $W/lay.fifo $W/enc24 $W/o6b.bin
# D8: two encodes into the same new directory at once
( timeout 300 $RQ encode --quiet --memory-limit 48m --threads 1 in/r200.bin $W/two > $W/e1 2>&1; echo $? > $W/rc1 ) &
sleep 0.3
run "second encode into the same dir" 300 $RQ encode --quiet --memory-limit 48m --threads 1 in/r200.bin $W/two
wait; echo "    (first encode exit $(cat $W/rc1))"
# D9: input appended during encode
cp in/r200.bin $W/grow.bin
( sleep 3; head -c 1000000 /dev/urandom >> $W/grow.bin ) &
run "input appended during encode" 300 $RQ encode --quiet --memory-limit 48m --threads 1 $W/grow.bin $W/grown
wait
[ -f $W/grown/_raptorq_layout.json ] && python3 -c "
import json; d=json.load(open('$W/grown/_raptorq_layout.json')); print('    (layout covers', sum(b['size'] for b in d['blocks']), 'of', $(stat -c %s $W/grow.bin), 'bytes)')"
# D10: --threads 100000
run "--threads 100000" 120 $RQ encode --quiet --memory-limit 64m --threads 100000 in/s24.bin $W/t100k
# D11: --memory-limit 64mb sizes the JVM?
RQ_DRY_RUN=1 bash -x $RQ encode --memory-limit 64mb in/s24.bin $W/mb 2>&1 | grep -o 'MaxDirectMemorySize=[0-9a-z]*' | head -1 | sed 's/^/    64mb: /' || true
bash -x $RQ encode --quiet --memory-limit 64mb in/s24.bin $W/mb 2>&1 >/dev/null | grep -c 'MaxDirectMemorySize' | sed 's/^/    64mb: launcher lines naming MaxDirectMemorySize: /'
# D12: 196 KB packet file under an OTI claiming a 1.97 GB block (K = 30000: under 2 GiB, so the old decoder reserved it)
python3 -c "
import sys
open('$W/p3', 'wb').write(b''.join(i.to_bytes(4, 'big') + bytes(65528) for i in range(3)))"
oti=$(printf "%010x00%04x%02x%04x%02x" $((30000 * 65528)) 65528 1 1 8)
run "packets: hostile OTI, 196 KB" 120 $RQ packets decode --oti $oti $W/p3 $W/o12.bin
# D13: one packet of a 3 GiB source block of 2 sub-blocks
python3 -c "open('$W/p1', 'wb').write((7).to_bytes(4, 'big') + bytes(65528))"
oti=$(printf '%010x00%04x%02x%04x%02x' $((3 << 30)) 65528 1 2 8)
run "packets: one packet, 3 GiB block" 120 $RQ packets decode --oti $oti $W/p1 $W/o13.bin
# D14: a block with more distinct packets than fit in 2 GiB (33,100 of T = 65528 for K = 100)
head -c $((100 * 65528)) /dev/urandom > $W/k100.bin
oti=$(printf '%010x00%04x%02x%04x%02x' $((100 * 65528)) 65528 1 1 8)
$RQ packets encode --oti $oti $W/k100.bin $W/p33k --repair 33000 > /dev/null 2>&1
run "packets: 33,100 distinct, K=100" 300 $RQ packets decode --oti $oti $W/p33k $W/o14.bin
cmp -s $W/o14.bin $W/k100.bin && echo "    (decoded file identical)"
rm -f $W/p33k $W/o14.bin
# D15: SIGTERM during decode leaves the .part
$RQ encode --quiet --memory-limit 64m in/r200.bin $W/enc200 > /dev/null 2>&1
mkdir -p $W/dec
# timeout sends SIGTERM to the decode (rq execs java) after 4 s, while it writes
timeout -s TERM 4 $RQ decode --quiet --memory-limit 48m --threads 1 $W/enc200 $W/dec/out.bin > /dev/null 2>&1
echo "    decode stopped by SIGTERM: exit $?"
echo "    after SIGTERM: $(ls -A $W/dec | tr '\n' ' ') ($(du -sh $W/dec | cut -f1))"
rm -rf $W
