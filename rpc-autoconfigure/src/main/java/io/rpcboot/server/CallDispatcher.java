package io.rpcboot.server;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.ErrorPayload;
import io.rpcboot.protocol.PayloadCodec;
import io.rpcboot.protocol.PayloadFormat;

/**
 * What a transport other than the binary protocol (HTTP) needs from its server: the exported
 * methods, the payload codec, and a way to run calls on the server's executor, counted as in flight
 * so that the server's drain waits for them.
 */
public final class CallDispatcher {

    private final RpcServer server;

    CallDispatcher(RpcServer server) {
        this.server = server;
    }

    /**
     * Returns the exported services.
     * @return the registry
     */
    public ServiceRegistry registry() {
        return this.server.registry();
    }

    /**
     * Returns the codec of payloads, built on the application's Jackson mapper.
     * @return the codec
     */
    public PayloadCodec codec() {
        return this.server.codec();
    }

    /**
     * Returns whether the server is shutting down and takes no new calls.
     * @return whether it is draining
     */
    public boolean isDraining() {
        return this.server.isDraining();
    }

    /**
     * Runs a call on the server's executor.
     * @param service the exported interface's name
     * @param methodKey the key of one of its methods
     * @param arguments the array of the arguments; released by the call, or here when it is
     * refused
     * @param format the format of the arguments
     * @param timeoutMillis the time the caller waits, {@code 0} for no deadline
     * @param metadata the request metadata
     * @param caller the remote address, for log messages
     * @param responder what receives the outcome
     * @return the running call, or {@code null} when the executor refused it (the server is too
     * busy); the responder is not called then
     * @throws IllegalArgumentException when the service has no such method
     */
    public @Nullable ServerInvocation dispatch(String service, String methodKey, ByteBuf arguments,
            PayloadFormat format, long timeoutMillis, Map<String, String> metadata, @Nullable SocketAddress caller,
            ServerInvocation.Responder responder) {
        ServerMethod method = this.server.registry().find(service, methodKey);
        if (method == null) {
            arguments.release();
            throw new IllegalArgumentException("no method " + methodKey + " in service " + service);
        }
        ServerInvocation invocation = new ServerInvocation(method, arguments, format, timeoutMillis, metadata, caller,
                new Counted(responder), this.server);
        this.server.callStarted();
        try {
            this.server.executor().execute(invocation);
            return invocation;
        }
        catch (RejectedExecutionException ex) {
            this.server.callFinished();
            arguments.release();
            return null;
        }
    }

    /** Ends the call's count in flight once the call is over. */
    private final class Counted implements ServerInvocation.Responder {

        private final ServerInvocation.Responder responder;

        Counted(ServerInvocation.Responder responder) {
            this.responder = responder;
        }

        @Override
        public void onResult(@Nullable Object result) {
            this.responder.onResult(result);
        }

        @Override
        public void onError(RpcStatus status, ErrorPayload error) {
            this.responder.onError(status, error);
        }

        @Override
        public void onFinished() {
            try {
                this.responder.onFinished();
            }
            finally {
                CallDispatcher.this.server.callFinished();
            }
        }

    }

}
