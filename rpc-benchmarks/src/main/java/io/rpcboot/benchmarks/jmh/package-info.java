/**
 * JMH microbenchmarks of rpcboot's codec; run with rpc-benchmarks/jmh.sh, never by the
 * build's tests.
 */
@NullMarked
package io.rpcboot.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
