/**
 * rpcboot's caller, a Spring Boot application with an injected {@code @RpcClient} proxy.
 */
@NullMarked
package io.rpcboot.benchmarks.rpcboot.client;

import org.jspecify.annotations.NullMarked;
