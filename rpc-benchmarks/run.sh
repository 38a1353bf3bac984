#!/usr/bin/env bash
# Runs the side-by-side benchmark: builds this module, then for each stack (rpcboot with Smile and
# with JSON payloads, gRPC-java, Spring MVC + HTTP interface client, raw Netty) starts a server JVM
# and a load JVM on 127.0.0.1, one stack after another, and prints one results table with ratios
# against the raw Netty baseline.
#
#   ./rpc-benchmarks/run.sh                          # the full run, about 10 minutes
#   ./rpc-benchmarks/run.sh --rounds=1 --seconds=5 --stacks=rpcboot,netty --scenarios=echo-64
#   ./rpc-benchmarks/run.sh --smoke                  # a few calls per stack: does everything answer?
#   ./rpc-benchmarks/run.sh --rounds=1 --seconds=5 --stacks=rpcboot,rpcboot-tls,grpc,grpc-tls --scenarios=echo-64
#                                                    # the cost of TLS (JDK provider) on both stacks
#   ./rpc-benchmarks/run.sh --stacks=rpcboot,grpc,grpc-direct --scenarios=stream
#                                                    # server streaming: messages/s with 1 and 16 streams
#   ./rpc-benchmarks/run.sh --stacks=rpcboot,grpc --scenarios=echo-64,async-10k
#                                                    # 10,000 asynchronous calls in flight on one connection
#   ./rpc-benchmarks/run.sh --stacks=rpcboot,grpc --scenarios=echo-64,rate
#                                                    # echo latency at 50% and 80% of gRPC-java's echo throughput
#   ./rpc-benchmarks/run.sh --stacks=rpcboot,netty --scenarios=rate --rate=20000
#                                                    # the same at 50% and 80% of a given 20,000 calls/s
#   ./rpc-benchmarks/run.sh --slow-consumer          # the server's heap while one slow stream is open
#   ./rpc-benchmarks/run.sh --startup --startup-runs=10
#                                                    # start-up time of a Boot application with and without the starter
#   ./rpc-benchmarks/run.sh --startup --startup-archive
#                                                    # the same, each application with its class-data-sharing archive
#                                                    # (AOT cache when JAVA_HOME is a JDK 25 or later)
#   ./rpc-benchmarks/run.sh --connections=1000       # server memory and threads with 1,000 connections, rpcboot and gRPC
#
# Every scenario also reports the bytes allocated and the CPU time per call of the server and load JVMs.
#
# Environment:
#   JAVA_HOME           the JDK to build and run with (default: java on the PATH)
#   JVM_FLAGS           flags of every JVM, server and load alike (default below)
#   SERVER_JVM_FLAGS    extra flags for the server JVMs only, e.g. a JFR recording
#   LOAD_JVM_FLAGS      extra flags for the load JVMs only
#   SKIP_BUILD=1        reuse the last build
# The results are also written to rpc-benchmarks/target/benchmark-results.md, the charts (SVG) to
# rpc-benchmarks/target/charts/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/rpc-benchmarks"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && ./mvnw -q -B -DskipTests -pl rpc-benchmarks -am package)
fi

classpath="$module/target/classes:$(cat "$module/target/classpath.txt")"
# shellcheck disable=SC2086 # JVM_FLAGS is a list of flags
exec "$java" $JVM_FLAGS \
    "-Dbench.server.jvmArgs=${SERVER_JVM_FLAGS:-}" "-Dbench.load.jvmArgs=${LOAD_JVM_FLAGS:-}" \
    "-Dbench.charts=$module/target/charts" \
    -cp "$classpath" io.rpcboot.benchmarks.Benchmark "$@" | tee "$module/target/benchmark-results.md"
