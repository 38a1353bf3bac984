/**
 * Tests of the in-process transport: servers and clients in one JVM, without a socket.
 */
@NullMarked
package io.rpcboot.inprocess;

import org.jspecify.annotations.NullMarked;
