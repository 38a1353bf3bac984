package io.rpcboot.internal.server;

import java.util.List;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The first handler of a connection to a TLS-only server: replaces itself with the TLS
 * handler when the first bytes are a TLS record, before the protocol is detected in the
 * decrypted bytes; answers a plaintext client in its own protocol that the port speaks
 * TLS only, so that it learns why instead of reading a closed connection, and closes it.
 */
final class TlsGate extends ByteToMessageDecoder {

    /** The length of a TLS record header: what {@link SslHandler#isEncrypted} reads. */
    private static final int RECORD_HEADER = 5;

    static final String PLAINTEXT_REFUSAL = "this port speaks TLS only (rpc.server.ssl.bundle is set): connect with"
            + " TLS (rpc.client.ssl.bundle, or https:// over HTTP)";

    private final Supplier<SslContext> tls;

    private final List<ConnectionProtocol> protocols;

    private final TlsFailureLog failureLog;

    TlsGate(Supplier<SslContext> tls, List<ConnectionProtocol> protocols, TlsFailureLog failureLog) {
        this.tls = tls;
        this.protocols = protocols;
        this.failureLog = failureLog;
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            // the context is asked per connection: a reloaded certificate applies to the
            // next one
            SslHandler handler = this.tls.get().newHandler(ctx.alloc());
            ctx.pipeline().addAfter(ctx.name(), "tls-handshake", new ServerTlsHandshake(this.failureLog));
            // hands the bytes read so far on
            ctx.pipeline().replace(this, "tls", handler);
            return;
        }
        byte[] answer = null;
        for (ConnectionProtocol protocol : this.protocols) {
            if (protocol.recognise(in) == ConnectionProtocol.Recognition.YES) {
                answer = protocol.refusal(PLAINTEXT_REFUSAL);
                break;
            }
        }
        this.failureLog.failed(ctx.channel().remoteAddress(), "a client spoke plaintext to this TLS-only port");
        in.skipBytes(in.readableBytes());
        if (answer != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
        }
        else {
            ctx.close();
        }
    }

    /** Closes a connection reset before it showed whether it speaks TLS. */
    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

}
