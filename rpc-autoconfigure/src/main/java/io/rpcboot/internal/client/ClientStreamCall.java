package io.rpcboot.internal.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.InboundStream;
import io.rpcboot.internal.protocol.InterceptedCall;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * One subscription to a streaming method of a client proxy: the call starts when the
 * subscriber subscribes (through the client interceptors, which see one call that ends
 * with the stream), its results reach the subscriber, on the callback executor as the
 * results of asynchronous methods do, as the subscriber's demand grants credit, and its
 * stream argument is subscribed once the request is written and sent as the server grants
 * credit. The final RESPONSE ends the results (its error becomes the declared exception
 * or an {@link RpcException}); cancelling the subscription sends CANCEL; a closing
 * connection fails the stream with {@code UNAVAILABLE}. Loaded only for streaming
 * methods.
 */
final class ClientStreamCall implements InboundStream.Peer, OutboundStream.Sink {

    /**
     * The name of the {@link RpcCall} attribute that holds the number of stream messages
     * sent ({@code Long}) once the stream ended; the observation's key of the same name.
     */
    static final String MESSAGES_SENT = "rpc.messages.sent";

    /**
     * The name of the {@link RpcCall} attribute that holds the number of stream messages
     * received ({@code Long}) once the stream ended; the observation's key of the same
     * name.
     */
    static final String MESSAGES_RECEIVED = "rpc.messages.received";

    private final ClientMethod method;

    private final MethodDescriptor descriptor;

    private final Object @Nullable [] arguments;

    private final long timeoutNanos;

    private final Map<String, String> metadata;

    private final InboundStream results;

    /** Completes when the stream ends: what the interceptors' chain returns. */
    private final CompletableFuture<@Nullable Void> done = new CompletableFuture<>();

    /** The call the interceptors see; {@code null} without interceptors. */
    private @Nullable RpcCall rpcCall;

    private @Nullable ClientCall call;

    private @Nullable ClientConnection connection;

    private long unsentCredit;

    private volatile boolean cancelled;

    private volatile @Nullable OutboundStream argument;

    private volatile @Nullable Throwable localFailure;

    private final CallbackBatches callbacks;

    ClientStreamCall(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata, CallbackBatches callbacks) {
        this.callbacks = callbacks;
        this.method = method;
        this.descriptor = method.descriptor();
        this.arguments = arguments;
        this.timeoutNanos = timeoutNanos;
        this.metadata = metadata;
        this.results = new InboundStream(method.streamWindow(), this.descriptor.shape().streamsResults(), this,
                this::deliver);
    }

    /**
     * Runs a task of the results' delivery on the client's callbacks; one the event loop
     * submits while it reads (the elements of the read) is handed over with the rest of
     * the read.
     */
    private void deliver(Runnable task) {
        // a thread that does not see the connection yet is not its event loop
        this.callbacks.execute(task, this.connection);
    }

    /**
     * Subscribes the caller's subscriber and starts the call.
     * @param subscriber the subscriber of the results
     */
    // proceeding returns the call's future to the chain
    @SuppressWarnings("FutureReturnValueIgnored")
    void start(Subscriber<? super Object> subscriber) {
        this.results.subscribe(subscriber);
        RpcInterceptorChain interceptors = this.method.interceptors();
        if (interceptors.isEmpty()) {
            send(this.metadata, null);
            return;
        }
        RpcCall rpcCall = new InterceptedCall(RpcCall.Side.CLIENT, this.descriptor.serviceName(),
                this.descriptor.method(), new LinkedHashMap<>(this.metadata), new LinkedHashMap<>(), null);
        this.rpcCall = rpcCall;
        boolean[] proceeded = new boolean[1];
        try {
            // the failure comes where the interceptor that did not proceed returns, so
            // that
            // the interceptors around it (the observation among them) see it
            interceptors.invoke(rpcCall, () -> {
                proceeded[0] = true;
                send(rpcCall.requestMetadata(), rpcCall);
                return this.done;
            }, () -> requireProceeded(proceeded[0]));
        }
        catch (Throwable ex) {
            fail((ex instanceof RpcException || this.descriptor.declaredTypeOf(ex) != null) ? ex : new RpcException(
                    RpcStatus.INTERNAL, "a client interceptor failed the call to " + this.descriptor + ": " + ex, ex));
        }
    }

    /**
     * Fails a stream call that an interceptor answered without proceeding: the elements
     * of a stream come from the server only, and a replacement result cannot stand in for
     * them.
     */
    private void requireProceeded(boolean proceeded) {
        if (!proceeded) {
            throw new RpcException(RpcStatus.INTERNAL, "a client interceptor returned without proceeding with "
                    + "the stream call to " + this.descriptor
                    + ": a stream call cannot be answered by an interceptor; throw an RpcException to reject it");
        }
    }

    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    private void send(Map<String, String> requestMetadata, @Nullable RpcCall rpcCall) {
        this.method.connection(null).whenComplete((connection, failure) -> {
            if (failure != null) {
                fail(ClientMethod.unwrap(failure));
            }
            else {
                sendOn(connection, requestMetadata, rpcCall);
            }
        });
    }

    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    private void sendOn(ClientConnection connection, Map<String, String> requestMetadata, @Nullable RpcCall rpcCall) {
        if (this.cancelled) {
            fail(new RpcException(RpcStatus.CANCELLED, "the subscriber cancelled the call to " + this.descriptor));
            return;
        }
        if (!connection.peerStreams()) {
            fail(new RpcException(RpcStatus.NOT_FOUND, connection.address() + " does not support streaming (its "
                    + "SETTINGS do not announce STREAMING): " + this.descriptor + " cannot be called there"));
            return;
        }
        ClientCall started;
        try {
            started = this.method.newStreamCall(connection, this.arguments, this.timeoutNanos, requestMetadata);
        }
        catch (RuntimeException ex) {
            fail(ex);
            return;
        }
        started.streams = this;
        long credit;
        synchronized (this) {
            this.connection = connection;
            this.call = started;
            credit = this.unsentCredit;
            this.unsentCredit = 0;
        }
        started.whenComplete((response, failure) -> ended(response, failure, rpcCall));
        connection.start(started);
        if (credit > 0) {
            connection.credit(started, credit);
        }
        if (this.cancelled) {
            started.abandon(RpcStatus.CANCELLED, "the subscriber cancelled the call to " + this.descriptor);
        }
    }

    /**
     * The request was written with the given id: the stream argument, if any, is
     * subscribed now; on the event loop.
     */
    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    void started(ClientConnection connection, int id) {
        if (!this.descriptor.shape().streamsParameter()) {
            return;
        }
        Object publisher = (this.arguments != null) ? this.arguments[this.descriptor.streamParameter()] : null;
        if (publisher == null) {
            // a null stream is empty
            connection.writeFrame(FrameCodec.endOfStream(connection.alloc(), id));
            return;
        }
        OutboundStream stream = new OutboundStream(Runnable::run, this);
        this.argument = stream;
        stream.completion().whenComplete((value, failure) -> {
            if (failure == null) {
                connection.writeFrame(FrameCodec.endOfStream(connection.alloc(), id));
            }
            else if (!(failure instanceof CancellationException)) {
                this.localFailure = failure;
                ClientCall current = this.call;
                if (current != null) {
                    current.abandon(RpcStatus.CANCELLED,
                            "the stream argument of " + this.descriptor + " failed: " + failure);
                }
            }
        });
        stream.subscribeTo(publisher);
    }

    /**
     * A MESSAGE of the result stream arrived; on the event loop.
     */
    void message(Frame.Message message) {
        ByteBuf payload = message.payload();
        try {
            if (message.endOfStream() || !this.descriptor.shape().streamsResults()) {
                return;
            }
            Object element;
            try {
                element = this.descriptor.readResultElement(payload, message.format());
            }
            catch (RuntimeException ex) {
                RpcException failure = new RpcException(RpcStatus.INTERNAL,
                        "an element of the stream of " + this.descriptor + " could not be read: " + ex.getMessage(),
                        ex);
                this.localFailure = failure;
                ClientCall current = this.call;
                if (current != null) {
                    current.abandon(RpcStatus.INTERNAL, String.valueOf(failure.getMessage()));
                }
                return;
            }
            this.results.onMessage(element);
        }
        finally {
            payload.release();
        }
    }

    /** The server granted messages of the stream argument; on the event loop. */
    void granted(long count) {
        OutboundStream stream = this.argument;
        if (stream != null && count > 0) {
            stream.grant(count);
        }
    }

    /** The server reads no more of the stream argument; on the event loop. */
    void peerCancelled() {
        OutboundStream stream = this.argument;
        if (stream != null) {
            stream.cancel();
        }
    }

    /** The connection is writable again; on the event loop. */
    void resume() {
        OutboundStream stream = this.argument;
        if (stream != null) {
            stream.resume();
        }
    }

    private void ended(@Nullable ResponseFrame response, @Nullable Throwable failure, @Nullable RpcCall rpcCall) {
        OutboundStream stream = this.argument;
        if (stream != null) {
            stream.cancel();
        }
        Throwable local = this.localFailure;
        if (failure != null || response == null) {
            fail((local != null) ? local
                    : ClientMethod.unwrap((failure != null) ? failure : new IllegalStateException("no answer")));
            return;
        }
        try {
            Object value = this.method.decode(response, rpcCall);
            if (!this.descriptor.shape().streamsResults() && value != null) {
                this.results.onMessage(value);
            }
            this.results.onEnd();
            countMessages();
            this.done.complete(null);
        }
        catch (Throwable ex) {
            fail(ex);
        }
    }

    private void fail(Throwable failure) {
        this.results.onError(failure);
        countMessages();
        this.done.completeExceptionally(failure);
    }

    /** Puts the message counts on the call the interceptors (and observations) see. */
    private void countMessages() {
        RpcCall current = this.rpcCall;
        if (current != null) {
            OutboundStream stream = this.argument;
            current.setAttribute(MESSAGES_SENT, (stream != null) ? stream.sent() : 0L);
            current.setAttribute(MESSAGES_RECEIVED,
                    this.descriptor.shape().streamsResults() ? this.results.received() : 0L);
        }
    }

    @Override
    public void credit(long count) {
        ClientConnection target;
        ClientCall current;
        synchronized (this) {
            current = this.call;
            target = this.connection;
            if (current == null) {
                this.unsentCredit += count;
                return;
            }
        }
        if (target != null) {
            target.credit(current, count);
        }
    }

    @Override
    public void cancel() {
        this.cancelled = true;
        ClientCall current;
        synchronized (this) {
            current = this.call;
        }
        if (current != null) {
            current.abandon(RpcStatus.CANCELLED, "the subscriber cancelled the call to " + this.descriptor);
        }
        OutboundStream stream = this.argument;
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public void element(@Nullable Object element) {
        ClientConnection target = this.connection;
        ClientCall current = this.call;
        if (target == null || current == null) {
            throw new IllegalStateException("an element before the call was sent");
        }
        ByteBuf frame = FrameCodec.beginMessage(target.alloc(), current.id, target.payloadFormat());
        try {
            this.descriptor.writeParameterElement(frame, element, target.payloadFormat());
            FrameCodec.finish(frame);
        }
        catch (RuntimeException ex) {
            frame.release();
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "an element of the stream argument of " + this.descriptor
                    + " could not be serialized: " + ex.getMessage(), ex);
        }
        int length = FrameCodec.frameLength(frame);
        if (length > target.peerMaxMessageSize()) {
            frame.release();
            throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "a stream message of " + length
                    + " bytes is over the server's limit of " + target.peerMaxMessageSize() + " bytes");
        }
        target.writeFrame(frame);
    }

    @Override
    public boolean writable() {
        ClientConnection target = this.connection;
        return target != null && target.isWritable();
    }

}
