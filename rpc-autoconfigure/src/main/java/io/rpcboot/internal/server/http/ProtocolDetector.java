package io.rpcboot.internal.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every server connection: reads the connection's first bytes, adds the
 * handlers of the protocol they show, and removes itself, passing those bytes on. {@code RPCB} (the
 * binary protocol's magic) selects the binary protocol; an HTTP method and a space ({@code GET },
 * {@code POST }, ...) select HTTP/1.1. Anything else, and HTTP when it is disabled, closes the
 * connection without an answer. It decides on the fewest bytes that rule out every other choice, at
 * most eight.
 */
public final class ProtocolDetector extends ByteToMessageDecoder {

    private static final Logger logger = LoggerFactory.getLogger(ProtocolDetector.class);

    private static final byte[] MAGIC = ascii("RPCB");

    private static final byte[][] HTTP_METHODS = { ascii("GET "), ascii("POST "), ascii("PUT "), ascii("DELETE "),
            ascii("HEAD "), ascii("OPTIONS "), ascii("PATCH "), ascii("TRACE "), ascii("CONNECT ") };

    private static final int BYTES_LOGGED = 16;

    private final Consumer<ChannelPipeline> binaryProtocol;

    private final @Nullable Consumer<ChannelPipeline> http;

    /**
     * Creates a detector.
     * @param binaryProtocol adds the binary protocol's handlers at the end of a pipeline
     * @param http adds the HTTP handlers at the end of a pipeline; {@code null} when HTTP is disabled
     */
    public ProtocolDetector(Consumer<ChannelPipeline> binaryProtocol, @Nullable Consumer<ChannelPipeline> http) {
        this.binaryProtocol = binaryProtocol;
        this.http = http;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (detect(in)) {
            case BINARY -> install(ctx, this.binaryProtocol);
            case HTTP -> {
                if (this.http != null) {
                    install(ctx, this.http);
                }
                else {
                    logger.debug("Closing connection from {}: it speaks HTTP, which is disabled"
                            + " (rpc.server.http.enabled=false)", ctx.channel().remoteAddress());
                    close(ctx, in);
                }
            }
            case UNKNOWN -> {
                logger.warn("Closing connection from {}: it speaks neither the rpcboot protocol nor HTTP/1.1"
                        + " (first bytes: {})", ctx.channel().remoteAddress(),
                        ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(in.readableBytes(), BYTES_LOGGED)));
                close(ctx, in);
            }
            case UNDECIDED -> {
                // wait for more bytes
            }
        }
    }

    /**
     * Closes a connection that failed before its protocol was known, typically a reset by the peer:
     * no handler after this one would handle the failure.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.debug("Closing connection from {} before its protocol was known: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

    private void install(ChannelHandlerContext ctx, Consumer<ChannelPipeline> protocol) {
        protocol.accept(ctx.pipeline());
        ctx.pipeline().remove(this); // hands the bytes read so far to the protocol's first handler
    }

    private static void close(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    /**
     * Tells which protocol the bytes at the start of a connection belong to.
     * @param in the bytes read so far; not consumed
     * @return the protocol, or {@link Protocol#UNDECIDED} when more bytes are needed
     */
    static Protocol detect(ByteBuf in) {
        Match magic = match(in, MAGIC);
        if (magic == Match.FULL) {
            return Protocol.BINARY;
        }
        boolean undecided = magic == Match.PREFIX;
        for (byte[] method : HTTP_METHODS) {
            Match match = match(in, method);
            if (match == Match.FULL) {
                return Protocol.HTTP;
            }
            undecided |= match == Match.PREFIX;
        }
        return undecided ? Protocol.UNDECIDED : Protocol.UNKNOWN;
    }

    private static Match match(ByteBuf in, byte[] token) {
        int start = in.readerIndex();
        int compared = Math.min(in.readableBytes(), token.length);
        for (int i = 0; i < compared; i++) {
            if (in.getByte(start + i) != token[i]) {
                return Match.NONE;
            }
        }
        return (compared == token.length) ? Match.FULL : Match.PREFIX;
    }

    private static byte[] ascii(String token) {
        return token.getBytes(StandardCharsets.US_ASCII);
    }

    /** The protocols a connection may speak. */
    enum Protocol {

        /** The rpcboot binary protocol. */
        BINARY,
        /** HTTP/1.1. */
        HTTP,
        /** Neither. */
        UNKNOWN,
        /** Not known yet: the bytes so far start more than one protocol. */
        UNDECIDED

    }

    private enum Match {

        FULL, PREFIX, NONE

    }

}
