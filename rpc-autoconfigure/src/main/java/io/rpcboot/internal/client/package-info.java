/**
 * The rpcboot client: proxies for service interfaces, connections to endpoints, and
 * calls.
 */
@NullMarked
package io.rpcboot.internal.client;

import org.jspecify.annotations.NullMarked;
