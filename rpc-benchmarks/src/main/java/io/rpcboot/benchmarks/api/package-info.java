/**
 * The workload every stack serves: the item, the service interface and the values sent.
 */
@NullMarked
package io.rpcboot.benchmarks.api;

import org.jspecify.annotations.NullMarked;
