package io.rpcboot.internal.server;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import io.rpcboot.internal.protocol.TlsFailures;

/**
 * Stands behind a server connection's TLS handler until its handshake is done: logs a
 * failed handshake once, in words, and closes the connection; the failure's exception
 * then goes no further, so that no later handler logs it again with a stack trace.
 */
final class ServerTlsHandshake extends ChannelInboundHandlerAdapter {

    private final TlsFailureLog failureLog;

    private boolean failed;

    ServerTlsHandshake(TlsFailureLog failureLog) {
        this.failureLog = failureLog;
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                ctx.pipeline().remove(this);
            }
            else if (!this.failed) {
                this.failed = true;
                this.failureLog.failed(ctx.channel().remoteAddress(), TlsFailures.explain(completion.cause()));
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.failed || isTls(cause)) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean isTls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

}
