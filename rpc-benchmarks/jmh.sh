#!/usr/bin/env bash
# Runs the JMH microbenchmarks of rpcboot's codec (io.rpcboot.benchmarks.jmh.CodecBenchmarks).
# Arguments go to JMH, for example:
#
#   ./rpc-benchmarks/jmh.sh -prof gc                 # all of them, with bytes allocated per operation
#   ./rpc-benchmarks/jmh.sh 'Codec.*Echo.*' -prof gc
#   ./rpc-benchmarks/jmh.sh 'Codec.*List.*' -prof gc -prof 'perfnorm:events=task-clock'
#                                                    # and the CPU time per operation (needs perf),
#                                                    # steadier than the elapsed time on a busy machine
#   ./rpc-benchmarks/jmh.sh -h                       # JMH's options
#
# JAVA_HOME picks the JDK (default: java on the PATH); SKIP_BUILD=1 reuses the last build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/rpc-benchmarks"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && ./mvnw -q -B -DskipTests -pl rpc-benchmarks -am package)
fi

if [[ $# -eq 0 || "$1" == -* ]]; then
    set -- 'io.rpcboot.benchmarks.jmh.CodecBenchmarks' "$@"
fi
exec "$java" -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" org.openjdk.jmh.Main "$@"
