/**
 * The rpcboot client: proxies for service interfaces, connections to endpoints, and calls.
 */
@NullMarked
package io.rpcboot.client;

import org.jspecify.annotations.NullMarked;
