package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.TlsFailures;

/**
 * Stands behind a client connection's TLS handler and turns a failed TLS handshake into
 * an {@code UNAVAILABLE} that says TLS and why, at once rather than at the call's
 * deadline. It stays until the connection's own handshake is done: with TLS 1.3 a server
 * that rejects the client's certificate says so only after the client finished its part.
 */
final class ClientTlsHandshake extends ChannelInboundHandlerAdapter {

    private final EndpointAddress address;

    private final CompletableFuture<ClientConnection> ready;

    private boolean failed;

    ClientTlsHandshake(EndpointAddress address, CompletableFuture<ClientConnection> ready) {
        this.address = address;
        this.ready = ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            fail(ctx, completion.cause());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.failed || (!this.ready.isDone() && isTls(cause))) {
            // said once, by the caller's exception and the endpoint's log line
            fail(ctx, cause);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ready.whenComplete((connection, failure) -> {
            if (failure == null) {
                ctx.executor().execute(() -> {
                    if (!ctx.isRemoved()) {
                        ctx.pipeline().remove(this);
                    }
                });
            }
        });
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        this.failed = true;
        this.ready.completeExceptionally(new RpcException(RpcStatus.UNAVAILABLE,
                "TLS handshake with " + this.address + " failed: " + TlsFailures.explain(cause)));
        ctx.close();
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
