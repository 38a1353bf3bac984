/**
 * Benchmark charts written as SVG 1.1 by hand: throughput bars and latency percentile
 * curves, from plain data (no dependency on the benchmark's measurements).
 */
@NullMarked
package io.rpcboot.benchmarks.chart;

import org.jspecify.annotations.NullMarked;
