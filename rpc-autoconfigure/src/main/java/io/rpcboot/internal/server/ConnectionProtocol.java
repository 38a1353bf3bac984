package io.rpcboot.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;

/**
 * A protocol that server connections may speak, recognised by a connection's first bytes.
 * The server speaks its binary protocol itself; other protocols (HTTP) are handed to it
 * by whoever builds it, so that the server does not depend on them.
 */
public interface ConnectionProtocol {

    /**
     * Tells whether the first bytes of a connection start this protocol.
     * @param firstBytes the bytes read so far; not to be consumed
     * @return {@link Recognition#YES}, {@link Recognition#NO}, or
     * {@link Recognition#MAYBE} when more bytes are needed to tell
     */
    Recognition recognise(ByteBuf firstBytes);

    /**
     * Adds this protocol's handlers at the end of the pipeline of a connection that
     * speaks it; the bytes read so far reach the first of them.
     * @param pipeline the connection's pipeline
     * @return the name of the handler whose output is whole requests, after which the
     * server watches the connection's timeouts, or {@code null} when the protocol closes
     * the connection
     */
    @Nullable String install(ChannelPipeline pipeline);

    /**
     * Returns what a connection of this protocol reads when the server refuses it for
     * being over its connection limit.
     * @param reason why it is refused
     * @return the bytes of the answer, or {@code null} to close the connection without
     * one
     */
    byte @Nullable [] refusal(String reason);

    /**
     * Tells whether the bytes at the start of a connection start with a token.
     * @param firstBytes the bytes read so far; not consumed
     * @param token the token
     * @return whether they do, or {@link Recognition#MAYBE} when they are a prefix of it
     */
    static Recognition startsWith(ByteBuf firstBytes, byte[] token) {
        int start = firstBytes.readerIndex();
        int compared = Math.min(firstBytes.readableBytes(), token.length);
        for (int i = 0; i < compared; i++) {
            if (firstBytes.getByte(start + i) != token[i]) {
                return Recognition.NO;
            }
        }
        return (compared == token.length) ? Recognition.YES : Recognition.MAYBE;
    }

    /** Whether a connection's first bytes start a protocol. */
    enum Recognition {

        /** They do. */
        YES,
        /** Not known yet: they are too few to tell. */
        MAYBE,
        /** They do not. */
        NO

    }

}
