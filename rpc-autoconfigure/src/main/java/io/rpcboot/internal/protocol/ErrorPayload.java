package io.rpcboot.internal.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The payload of a response whose status is not OK.
 *
 * @param message the description of the failure; for a declared exception, its message
 * @param exception for an exception the method declares, the fully qualified name of the
 * declared type the caller should throw; otherwise {@code null}
 * @param remoteType the class of the exception on the server, for messages; {@code null}
 * when the failure is not an exception of the service implementation
 */
public record ErrorPayload(@Nullable String message, @Nullable String exception, @Nullable String remoteType) {
}
