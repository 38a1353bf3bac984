/**
 * rpcboot's server, a Spring Boot application with an {@code @RpcService}.
 */
@NullMarked
package io.rpcboot.benchmarks.rpcboot.server;

import org.jspecify.annotations.NullMarked;
