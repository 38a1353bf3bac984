/**
 * HTTP/1.1 and JSON access to the exported services, on the rpcboot server's own port.
 */
@NullMarked
package io.rpcboot.internal.server.http;

import org.jspecify.annotations.NullMarked;
