/**
 * The start-up measurement's application with rpcboot's starter: an {@code @RpcService}
 * and a component that calls it through an {@code @RpcClient} proxy over the
 * application's own server.
 */
@NullMarked
package io.rpcboot.benchmarks.startup.withstarter;

import org.jspecify.annotations.NullMarked;
