/**
 * gRPC-java's server and caller, with the messages and stubs generated from bench.proto.
 */
@NullMarked
package io.rpcboot.benchmarks.grpc;

import org.jspecify.annotations.NullMarked;
