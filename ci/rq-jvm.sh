# Sourced by ci/memory-check.sh and ci/bench-files.sh: runs the CLI with the JVM sized from --memory-limit L the
# way ./rq does (heap max(96m, L/4), direct memory 3L/4, glibc arenas limited), but without the launcher's
# up-to-date check, so that timings and RSS are rqlib's alone. Expects $root. JAVA_HOME picks the java binary and
# RQ_JAVA_OPTS adds JVM options, as for ./rq.

# glibc keeps freed direct buffers in per-thread arenas unless told otherwise; without these RSS grows past the
# budget although the JVM's accounting stays inside it
export MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072

rq_for() {   # rq_for LIMIT_MB: sets RQ to the java command line for that limit
    local limit_mb="$1"
    local heap=$(( limit_mb / 4 > 96 ? limit_mb / 4 : 96 )) direct=$(( limit_mb * 3 / 4 ))
    RQ=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:+UseSerialGC -Xss512k "-Xmx${heap}m" "-XX:MaxDirectMemorySize=${direct}m"
        ${RQ_JAVA_OPTS:-} -cp "$root/java/rqlib-cli/target/lib/*" org.rqlib.cli.RqCommand)
}
