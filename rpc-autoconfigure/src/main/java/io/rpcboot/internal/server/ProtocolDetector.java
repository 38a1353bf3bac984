package io.rpcboot.internal.server;

import java.util.List;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every server connection: reads the connection's first bytes,
 * installs the protocol that recognises them, and removes itself, passing those bytes on.
 * Bytes that no protocol can start close the connection without an answer. It decides on
 * the fewest bytes that rule out every other choice.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

    private static final Logger logger = LoggerFactory.getLogger(ProtocolDetector.class);

    private static final int BYTES_LOGGED = 16;

    private static final int TLS_RECORD_HEADER = 5;

    private final List<ConnectionProtocol> protocols;

    private final BiConsumer<ConnectionProtocol, ChannelPipeline> installer;

    /**
     * Creates a detector.
     * @param protocols the protocols the server speaks, at most one of which recognises
     * any bytes
     * @param installer adds the handlers of the protocol recognised at the end of a
     * pipeline
     */
    ProtocolDetector(List<ConnectionProtocol> protocols, BiConsumer<ConnectionProtocol, ChannelPipeline> installer) {
        this.protocols = protocols;
        this.installer = installer;
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean undecided = false;
        for (ConnectionProtocol protocol : this.protocols) {
            switch (protocol.recognise(in)) {
                case YES -> {
                    this.installer.accept(protocol, ctx.pipeline());
                    // hands the bytes read so far to the protocol's first handler
                    ctx.pipeline().remove(this);
                    return;
                }
                case MAYBE -> undecided = true;
                case NO -> {
                    // try the next protocol
                }
            }
        }
        if (!undecided && in.readableBytes() >= TLS_RECORD_HEADER && SslHandler.isEncrypted(in, false)) {
            logger.warn("Closing connection from {}: it speaks TLS, and this server speaks plaintext"
                    + " (rpc.server.ssl.bundle is not set)", ctx.channel().remoteAddress());
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
        else if (!undecided) {
            logger.warn("Closing connection from {}: it speaks no protocol this server answers (first bytes: {})",
                    ctx.channel().remoteAddress(),
                    ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(in.readableBytes(), BYTES_LOGGED)));
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
    }

    /**
     * Closes a connection that failed before its protocol was known, typically a reset by
     * the peer: no handler after this one would handle the failure.
     */
    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.debug("Closing connection from {} before its protocol was known: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

}
