/**
 * Micrometer observations of rpcboot calls ({@code rpc.server.requests},
 * {@code rpc.client.requests}) and trace context propagation in request metadata, built
 * on the interceptor SPI.
 */
@NullMarked
package io.rpcboot.observation;

import org.jspecify.annotations.NullMarked;
