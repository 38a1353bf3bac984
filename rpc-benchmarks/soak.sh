#!/usr/bin/env bash
# Runs the soak of issue 11: builds this module, starts one rpcboot server JVM sized as the project's
# containers (-Xmx576m -XX:MaxDirectMemorySize=576m -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC:
# what -XX:MaxRAMPercentage=75 gives in 768 MB), then measures well-behaved echo load against it
# without abuse, during every abusive pattern at once, and after. See SOAK.md.
#
#   ./rpc-benchmarks/soak.sh                                   # 60 s per phase, every pattern
#   ./rpc-benchmarks/soak.sh --seconds=20 --abuse=ping-flood,slowloris --callers=8
#   ./rpc-benchmarks/soak.sh --volume=0.25                     # a quarter of each pattern's budget
#
# Environment:
#   JAVA_HOME           the JDK to build and run with (default: java on the PATH)
#   JVM_FLAGS           flags of the soak JVM (load and abuse), default below
#   SERVER_JVM_FLAGS    extra flags for the server JVM, after the container flags (the later flag wins)
#   SKIP_BUILD=1        reuse the last build
# The report is also written to rpc-benchmarks/target/soak-results.md, the server's output (its first
# 64 MB) to rpc-benchmarks/target/soak-server.log. The exit code is 1 when the server did not survive
# or the well-behaved load got no answer in a phase.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/rpc-benchmarks"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_FLAGS="${JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseG1GC}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && ./mvnw -q -B -DskipTests -pl rpc-benchmarks -am package)
fi

classpath="$module/target/classes:$(cat "$module/target/classpath.txt")"
# shellcheck disable=SC2086 # JVM_FLAGS is a list of flags
exec "$java" $JVM_FLAGS "-Dsoak.server.jvmArgs=${SERVER_JVM_FLAGS:-}" \
    -cp "$classpath" io.rpcboot.benchmarks.soak.Soak "--results=$module/target/soak-results.md" "$@"
