package io.rpcboot.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The bytes that open a connection: the magic {@code RPCB} and the protocol version. A
 * server that does not know the client's version answers with version {@code 0}, the list
 * of versions it knows, and closes the connection.
 */
public final class Preface {

    /** The magic that starts every connection, {@code "RPCB"} in ASCII. */
    public static final int MAGIC = 0x52504342;

    /** The protocol version this implementation speaks. */
    public static final int VERSION = 1;

    /** The length of a preface in bytes: magic and version. */
    static final int LENGTH = 5;

    private Preface() {
    }

    /**
     * Writes the preface of this implementation's protocol version.
     * @param allocator the allocator of the connection
     * @return a buffer holding the preface
     */
    public static ByteBuf encode(ByteBufAllocator allocator) {
        return allocator.buffer(LENGTH).writeInt(MAGIC).writeByte(VERSION);
    }

    /**
     * Writes the answer to a preface whose version is unknown: version 0 and the known
     * versions.
     * @param allocator the allocator of the connection
     * @return a buffer holding the rejection
     */
    public static ByteBuf encodeRejection(ByteBufAllocator allocator) {
        return allocator.buffer(LENGTH + 2).writeInt(MAGIC).writeByte(0).writeByte(1).writeByte(VERSION);
    }

}
