package io.rpcboot.internal.protocol;

import java.util.Objects;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame whose framing is sound but which breaks a rule of the protocol, such as a PING
 * whose body is not 8 bytes: the decoder reads nothing after it, and the receiver tells
 * its peer why (a server with a GO_AWAY) before it closes the connection.
 */
public final class ProtocolViolationException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param reason what rule the peer broke, sent to it as the GO_AWAY's reason
     */
    public ProtocolViolationException(String reason) {
        super(reason);
    }

    @Override
    public String getMessage() {
        // the constructor takes a reason that is never null
        return Objects.requireNonNull(super.getMessage());
    }

}
