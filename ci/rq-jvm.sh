# Sourced by ci/memory-check.sh, ci/bench-files.sh, ci/limit-roundtrip.sh and ci/bench-large.sh: runs the CLI through its launcher
# (java/rqlib-cli/src/main/bin/rq, the one place of the JVM sizing rule: rqlib's heap share of L, direct memory
# the rest, glibc arenas limited, from the --memory-limit L the caller passes) on the jars built in target/lib, without
# ./rq's up-to-date check and without the AppCDS archive (RQ_CDS=on to use it), so that timings and RSS are
# rqlib's alone. Expects $root. JAVA_HOME picks the java binary and RQ_JAVA_OPTS adds JVM options, as for ./rq.

rq_for() {   # rq_for LIMIT_MB: sets RQ to the command line; the caller passes the same --memory-limit to it
    RQ=(env RQ_LIB="$root/java/rqlib-cli/target/lib" RQ_CDS="${RQ_CDS:-off}" "$root/java/rqlib-cli/src/main/bin/rq")
}

# The JVM's own memory above --memory-limit that docs/reliability.md ("The process's memory") states: peak RSS
# <= L + this. JVM_RESERVE_MIB overrides it.
jvm_reserve_mib="${JVM_RESERVE_MIB:-96}"

rss_over_limit() {   # rss_over_limit LIMIT_MIB RSS_MIB STEP: true, with a FAIL line, when RSS passes L + the reserve
    if [ "$2" -gt $(($1 + jvm_reserve_mib)) ]; then
        echo "FAIL: $3 peaked at $2 MiB, over ${1}m + ${jvm_reserve_mib} MiB of the JVM's own" >&2
        return 0
    fi
    return 1
}
