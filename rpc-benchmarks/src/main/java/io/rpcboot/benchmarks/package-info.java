/**
 * The side-by-side benchmark: the runner, the server and load JVMs, the scenarios and the
 * report.
 */
@NullMarked
package io.rpcboot.benchmarks;

import org.jspecify.annotations.NullMarked;
