/**
 * The soak: well-behaved load against one rpcboot server JVM, measured without abuse,
 * during every abusive pattern of a hostile peer at once, and again after, with the
 * server's memory and log output.
 */
@NullMarked
package io.rpcboot.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
