/**
 * The raw Netty baseline: length-prefixed frames, request ids and Jackson on one
 * multiplexed connection.
 */
@NullMarked
package io.rpcboot.benchmarks.netty;

import org.jspecify.annotations.NullMarked;
