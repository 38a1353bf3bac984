/**
 * The server the soak runs against: the benchmark's rpcboot server, plus a few methods
 * the abusive patterns aim at.
 */
@NullMarked
package io.rpcboot.benchmarks.soak.server;

import org.jspecify.annotations.NullMarked;
