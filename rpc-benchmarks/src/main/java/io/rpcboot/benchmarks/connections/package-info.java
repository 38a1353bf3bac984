/**
 * The many-connections measurement's callers: many connections to one server from one
 * JVM, each with a client of its own, for rpcboot and gRPC-java.
 */
@NullMarked
package io.rpcboot.benchmarks.connections;

import org.jspecify.annotations.NullMarked;
