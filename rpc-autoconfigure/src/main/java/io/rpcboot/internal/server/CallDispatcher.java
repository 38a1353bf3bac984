package io.rpcboot.internal.server;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * What a transport other than the binary protocol (HTTP) needs from its server: the
 * exported methods, the payload codec, and a way to run calls on the server's executor,
 * counted as in flight so that the server's drain waits for them.
 */
public final class CallDispatcher {

    private final RpcServer server;

    private final Map<String, List<Method>> services;

    CallDispatcher(RpcServer server) {
        this.server = server;
        Map<String, List<Method>> services = new LinkedHashMap<>();
        server.registry().describe().forEach((service, descriptors) -> {
            List<Method> methods = new ArrayList<>(descriptors.size());
            for (MethodDescriptor descriptor : descriptors) {
                methods.add(new Method(server.registry().find(service, descriptor.key())));
            }
            services.put(service, List.copyOf(methods));
        });
        this.services = Collections.unmodifiableMap(services);
    }

    /**
     * Returns the exported methods by service name, for a transport to build its table of
     * routes once and then dispatch calls without looking methods up again.
     * @return the methods of each exported service
     */
    public Map<String, List<Method>> services() {
        return this.services;
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
     * @param method the method to call, one of {@link #services()}
     * @param arguments the array of the arguments; released by the call, or here when it
     * is refused
     * @param format the format of the arguments
     * @param timeoutMillis the time the caller waits, {@code 0} for no deadline
     * @param metadata the request metadata
     * @param caller the remote address, for log messages
     * @param tlsSession the TLS session of the connection, {@code null} when it is not
     * TLS
     * @param responder what receives the outcome
     * @return the running call, or {@code null} when it was refused, because the server
     * is draining ({@link #isDraining()} says so then) or too busy; the responder is not
     * called then
     */
    public @Nullable ServerInvocation dispatch(Method method, ByteBuf arguments, PayloadFormat format,
            long timeoutMillis, Map<String, String> metadata, @Nullable SocketAddress caller,
            @Nullable SSLSession tlsSession, ServerInvocation.Responder responder) {
        // counted before it runs, or refused: a stop that began after the caller's
        // draining
        // check then waits for the call instead of closing its connection under it
        if (!this.server.tryCallStarted()) {
            arguments.release();
            return null;
        }
        ServerInvocation invocation = new ServerInvocation(method.method, arguments, format, timeoutMillis, metadata,
                caller, tlsSession, new Counted(responder), this.server);
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

    /**
     * Returns the most messages of a stream granted and not yet consumed
     * ({@code rpc.server.stream-window}).
     * @return the window, in messages
     */
    public int streamWindow() {
        return this.server.streamWindow();
    }

    /**
     * Returns where the demand for a method's result stream is passed to its publisher:
     * the server's executor, or the given event loop for a method that runs there.
     * @param method the method
     * @param eventLoop the event loop of the call's connection
     * @return the executor
     */
    public java.util.concurrent.Executor streamRequests(Method method, java.util.concurrent.Executor eventLoop) {
        return method.method.runsOnEventLoop() ? eventLoop : this.server.executor();
    }

    /**
     * Runs a task that is not a call (the authentication of a request for the service
     * description) on the server's executor, counted in flight as calls are.
     * @param task the task
     * @return whether the executor took it; {@code false} when the server is too busy or
     * draining
     */
    public boolean execute(Runnable task) {
        return this.server.executeCounted(task);
    }

    /**
     * An exported method as a transport dispatches it: its descriptor, and what runs it.
     */
    public static final class Method {

        private final ServerMethod method;

        Method(@Nullable ServerMethod method) {
            if (method == null) {
                throw new IllegalStateException("the registry lost a method it described");
            }
            this.method = method;
        }

        /**
         * Returns what crosses the wire for the method.
         * @return its descriptor
         */
        public MethodDescriptor descriptor() {
            return this.method.descriptor();
        }

        @Override
        public String toString() {
            return this.method.descriptor().toString();
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
        public @Nullable Object streamArgument() {
            return this.responder.streamArgument();
        }

        @Override
        public @Nullable OutboundStream resultStream() {
            return this.responder.resultStream();
        }

        @Override
        public long messagesReceived() {
            return this.responder.messagesReceived();
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
