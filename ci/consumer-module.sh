#!/usr/bin/env bash
# A consumer on the module path (issue 9 item 1): installs rqlib and rqlib-native (mvn install -DskipTests), builds
# ci/consumer/modulepath (its module says only `requires org.rqlib;`) and runs it with java -p on Java 17 and on
# Java 25. It must find rqlib as the named module org.rqlib with its version, select the native kernel and
# round-trip a file with symbols lost. On 25 it runs with sun.misc.Unsafe denied and must print no warning.
#
# MAVEN_REPO_LOCAL: the local Maven repository to install into (default ~/.m2/repository).
# JAVA17_HOME / JAVA25_HOME: the JDKs (defaults: the JDK running mvn / /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
consumer="$root/ci/consumer/modulepath"
mvn_args=(-B -ntp -q)
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
java17="${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed 's/aarch64/arm64/; s/amd64/x86_64/')"

echo "== install rqlib and rqlib-native"
(cd "$root" && mvn "${mvn_args[@]}" install -DskipTests -Dmaven.javadoc.skip=true -pl java/rqlib,presets -am)
echo "== build the module-path consumer"
(cd "$consumer" && mvn "${mvn_args[@]}" clean package -Drqlib.platform="$platform")

status=0
run() {   # run JAVA_HOME [extra JVM options...]: runs the consumer from the module path, fails on any warning
    local home="$1"; shift
    echo "== $("$home/bin/java" -version 2>&1 | head -1)"
    local err
    err="$(mktemp)"
    # the classifier jar is an automatic module that nothing requires: add it, as with any JavaCPP library
    if "$home/bin/java" "$@" -p "$consumer/target/modules:$consumer/target/classes" \
            --add-modules "org.rqlib.nativekernel.${platform//-/.}" \
            -m org.rqlib.consumer/org.rqlib.consumer.ModulePathConsumer 2> "$err"; then
        if grep -q "WARNING" "$err"; then
            cat "$err"; echo "FAIL: warnings on stderr"; status=1
        fi
    else
        cat "$err"; echo "FAIL: the module-path consumer failed on $home"; status=1
    fi
    rm -f "$err"
}

run "$java17"
if [ -x "$java25/bin/java" ]; then
    run "$java25" --sun-misc-unsafe-memory-access=deny \
        --enable-native-access=org.bytedeco.javacpp,org.rqlib.nativekernel
else
    echo "FAIL: no Java 25 at $java25 (set JAVA25_HOME)"; status=1
fi
exit "$status"
