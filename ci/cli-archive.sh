#!/usr/bin/env bash
# The downloadable CLI (issue 9 item 5): `mvn package` makes java/rqlib-cli/target/rqlib-cli-<version>-bin.tar.gz
# and .zip; this unpacks the tar.gz in a folder outside the checkout and, with neither Maven nor the sources in
# reach, runs bin/rq info, encodes a file at --memory-limit 64m, deletes a tenth of the symbol files, decodes and
# compares. It does so on Java 17 and on Java 25 (sun.misc.Unsafe denied, no warning allowed), checks that the
# AppCDS archive is made on the first run and used after, and that the zip holds the same files.
# Builds the archive first unless CLI_ARCHIVE points at one. MAVEN_REPO_LOCAL: the local repository to use.
# JAVA17_HOME / JAVA25_HOME: the JDKs (defaults: the JDK running mvn / /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mvn_args=(-B -ntp -q)
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
java17="${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

archive="${CLI_ARCHIVE:-}"
if [ -z "$archive" ]; then
    echo "== mvn package (CLI archive)"
    (cd "$root" && mvn "${mvn_args[@]}" package -DskipTests -Dmaven.javadoc.skip=true -pl java/rqlib-cli -am)
    archive="$(ls "$root"/java/rqlib-cli/target/rqlib-cli-*-bin.tar.gz)"
fi
work="$(mktemp -d /tmp/rq-cli-archive.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tar xzf "$archive" -C "$work"
home="$(echo "$work"/rqlib-cli-*)"
(cd "$work" && mkdir zip && cd zip && python3 -m zipfile -e "${archive%.tar.gz}.zip" .)
diff <(cd "$home" && find . -type f | sort) <(cd "$work/zip/$(basename "$home")" && find . -type f | sort) \
    || { echo "FAIL: the zip and the tar.gz differ"; exit 1; }

head -c $((5 << 20)) /dev/urandom > "$work/input.bin"
status=0
check() {   # check NAME JAVA_HOME [JVM options]: a round trip with the unpacked archive, in a clean environment
    local name="$1" jhome="$2"; shift 2
    local cds="$work/cds-$name" out="$work/out-$name" log="$work/$name.err"
    # no Maven, no checkout on the PATH or in the working directory: only the JDK and the archive
    run_rq() {
        (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" JAVA_HOME="$jhome" RQ_CDS_DIR="$cds" \
            RQ_JAVA_OPTS="$*" "$home/bin/rq" "${args[@]}") 2>> "$log"
    }
    echo "== $name: $("$jhome/bin/java" -version 2>&1 | head -1)"
    args=(info); run_rq "$@" | sed 's/^/   /'
    args=(encode --quiet --symbol-size 4096 --redundancy 2 --memory-limit 64m "$work/input.bin" "$out")
    run_rq "$@"
    python3 - "$out" <<'PY'
import os, random, sys
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if os.path.basename(d).startswith('block_'))
random.Random(9).shuffle(files)
for f in files[:len(files) // 10]:
    os.remove(f)
PY
    args=(decode --quiet --memory-limit 64m "$out" "$work/decoded-$name.bin"); run_rq "$@"
    if cmp -s "$work/input.bin" "$work/decoded-$name.bin"; then echo "   round trip identical"; else
        echo "FAIL: $name: decoded file differs"; status=1; fi
    if [ -z "$(ls "$cds"/*.jsa 2>/dev/null)" ]; then echo "FAIL: $name: no AppCDS archive in $cds"; status=1; fi
    if [ -s "$log" ]; then echo "FAIL: $name: stderr was not empty:"; cat "$log"; status=1; fi
}
check java17 "$java17"
if [ -x "$java25/bin/java" ]; then
    check java25 "$java25" --sun-misc-unsafe-memory-access=deny --enable-native-access=ALL-UNNAMED
else
    echo "FAIL: no Java 25 at $java25 (set JAVA25_HOME)"; status=1
fi
[ "$status" = 0 ] && echo "CLI archive OK: $(basename "$archive")"
exit "$status"
