package io.rpcboot.internal.server;

import io.netty.channel.ChannelHandler;

/**
 * A connection handler whose calls may hold streams open, which the server ends when its
 * shutdown grace period is over; the binary protocol's connection has its own.
 */
public interface OpenStreams extends ChannelHandler {

    /**
     * Ends the streams still open: each caller is told {@code UNAVAILABLE} and the
     * implementation's publisher is cancelled; on the connection's event loop.
     * @param message why, for the callers
     */
    void endStreams(String message);

}
