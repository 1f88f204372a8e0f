# Sourced by ci/memory-check.sh and ci/bench-files.sh: runs the CLI through its launcher
# (java/rqlib-cli/src/main/bin/rq, the one place of the JVM sizing rule: rqlib's heap share of L, direct memory
# the rest, glibc arenas limited, from the --memory-limit L the caller passes) on the jars built in target/lib, without
# ./rq's up-to-date check and without the AppCDS archive (RQ_CDS=on to use it), so that timings and RSS are
# rqlib's alone. Expects $root. JAVA_HOME picks the java binary and RQ_JAVA_OPTS adds JVM options, as for ./rq.

rq_for() {   # rq_for LIMIT_MB: sets RQ to the command line; the caller passes the same --memory-limit to it
    RQ=(env RQ_LIB="$root/java/rqlib-cli/target/lib" RQ_CDS="${RQ_CDS:-off}" "$root/java/rqlib-cli/src/main/bin/rq")
}
