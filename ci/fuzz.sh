#!/usr/bin/env bash
# The long fuzz run: every fuzz target of the default test run (OTI bytes and hex, packets, block decoder, packet
# files, layout JSON, damaged symbol directories, rq arguments; the block decoder on each native kernel), for
# longer and from another seed.
#   FUZZ_SECONDS  seconds per target (default 300); when 0, FUZZ_SCALE decides instead
#   FUZZ_SCALE    multiplies each target's default input count (default 1; used when FUZZ_SECONDS=0)
#   FUZZ_SEED     base seed (default: the clock; printed in every target's summary line)
# A finding fails the run; its input is saved under target/fuzz-findings/ of the module (rqlib-cli: under
# target/test-cwd/, its tests' working directory) and the report names the seed
# and input number that reproduce it (rerun with FUZZ_SEED=<seed>).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seconds="${FUZZ_SECONDS:-300}"
scale="${FUZZ_SCALE:-1}"
seed="${FUZZ_SEED:-$(date +%s)}"
echo "fuzz: ${seconds} s per target (scale ${scale} when 0), seed ${seed}"

mvn -B -ntp -pl java/rqlib-cli -am test \
    -Dtest='org.rqlib.fuzz.*FuzzTest,org.rqlib.nativekernel.NativeDecoderFuzzTest,org.rqlib.cli.CliFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Drqlib.fuzz.seconds="$seconds" -Drqlib.fuzz.scale="$scale" -Drqlib.fuzz.seed="$seed" \
    | grep -a -E '^fuzz |Tests run:|FAIL|BUILD|findings' || true
# grep ends the pipeline's status: report Maven's own
exit "${PIPESTATUS[0]}"
