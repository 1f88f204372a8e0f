#!/usr/bin/env bash
# The quick start's main job: builds rq on first use, encodes a sample file into RFC 6330 packets with 10%
# repair, throws away a random 8% of the packets, decodes the rest and checks the result is identical.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${QUICKSTART_DIR:-$root/target/quickstart}"
mkdir -p "$work"

size=$((8 * 1024 * 1024 + 12345))
head -c "$size" /dev/urandom > "$work/sample.bin"
symbol_size=1280
oti=$(printf '%010x00%04x%02x%04x%02x' "$size" "$symbol_size" 1 1 8)   # F, reserved, T, Z=1, N=1, Al=8

echo "encoding $size bytes (OTI $oti) with 10% repair packets..."
k=$(( (size + symbol_size - 1) / symbol_size ))
"$root/rq" packets encode --oti "$oti" "$work/sample.bin" "$work/sample.packets" --repair $(( k / 10 ))

packet=$((4 + symbol_size))
total=$(( $(stat -c %s "$work/sample.packets") / packet ))
keep=$(( total * 92 / 100 ))
echo "keeping $keep of $total packets, shuffled..."
python3 - "$work/sample.packets" "$work/lossy.packets" "$packet" "$keep" <<'PY'
import random, sys
data = open(sys.argv[1], 'rb').read()
size, keep = int(sys.argv[3]), int(sys.argv[4])
order = list(range(len(data) // size))
random.shuffle(order)
with open(sys.argv[2], 'wb') as out:
    for i in order[:keep]:
        out.write(data[i * size:(i + 1) * size])
PY

echo "decoding..."
"$root/rq" packets decode --oti "$oti" "$work/lossy.packets" "$work/decoded.bin"
if cmp -s "$work/sample.bin" "$work/decoded.bin"; then
    echo "OK: decoded file is identical ($(sha256sum < "$work/decoded.bin" | cut -c1-16)...)"
else
    echo "FAILED: decoded file differs" >&2
    exit 1
fi
