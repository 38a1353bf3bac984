/**
 * The rpcboot server: exports service beans on a Netty endpoint and runs their calls.
 */
@NullMarked
package io.rpcboot.internal.server;

import org.jspecify.annotations.NullMarked;
