package io.rpcboot.internal.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.CallContext;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.InterceptedCall;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.MethodShape;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.ReactorAdapters;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * One call of an exported method, whatever transport brought it: skips it when its
 * deadline has passed, runs the server's interceptors, reads its arguments (after the
 * interceptors, so that a rejected call costs no deserialization), runs the method with
 * the call's {@link RpcContext}, waits for the future of an asynchronous method, and maps
 * the outcome to a result or to a status and an {@link ErrorPayload}. The transport turns
 * that outcome into its own response. Runs on the server's executor; {@link #cancel()}
 * interrupts it. When the transport's timer reports the deadline passed
 * ({@link #deadlinePassed()}), the caller is answered {@link RpcStatus#DEADLINE_EXCEEDED}
 * at once and the call's context is marked cancelled; the method is not interrupted, and
 * its outcome, when it comes, is dropped. An exception the method does not declare is
 * named to the caller, its message sent only when the server includes error messages;
 * stack traces never travel.
 */
public final class ServerInvocation implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(ServerInvocation.class);

    /**
     * The longest timeout honoured, in milliseconds (8 digits, as gRPC's timeout header):
     * a longer one is shortened to it, so that the deadline in nanoseconds cannot
     * overflow.
     */
    static final long MAX_TIMEOUT_MILLIS = 99_999_999L;

    private static final Object[] NO_ARGUMENTS = {};

    /**
     * Attribute of the {@link RpcCall} of a stream call, when it ends: the number of
     * stream messages sent ({@code Long}); the observation's key of the same name
     * ({@code RpcObservations.RPC_MESSAGES_SENT}).
     */
    public static final String MESSAGES_SENT = "rpc.messages.sent";

    /**
     * Attribute of the {@link RpcCall} of a stream call, when it ends: the number of
     * stream messages received ({@code Long}).
     */
    public static final String MESSAGES_RECEIVED = "rpc.messages.received";

    // states of the call; a cancel wins only over NEW, RUNNING and AWAITING, and still
    // interrupts a
    // method whose caller was answered at its deadline (EXPIRED)
    private static final int NEW = 0;

    private static final int RUNNING = 1;

    private static final int AWAITING = 2;

    private static final int DONE = 3;

    private static final int INTERRUPTING = 4;

    private static final int CANCELLED = 5;

    /** The caller was answered DEADLINE_EXCEEDED; the method still runs. */
    private static final int EXPIRED = 6;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ServerInvocation.class, "state", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ServerMethod method;

    private final ByteBuf arguments;

    private final PayloadFormat format;

    private final long timeoutMillis;

    private final long deadlineNanos;

    private final Map<String, String> metadata;

    private final CallContext context;

    private final @Nullable SocketAddress caller;

    private final @Nullable SSLSession tlsSession;

    private final Responder responder;

    private final RpcServer server;

    private volatile int state = NEW;

    // written by the runner before the state moves on (to RUNNING, to AWAITING), read by
    // whoever sees that state: the state's volatile write and read publish them
    private @Nullable Thread runner;

    private @Nullable CompletableFuture<?> pendingResult;

    private volatile @Nullable RpcCall call;

    private boolean argumentsReleased;

    private @Nullable Throwable methodFailure;

    /** Whether the interceptors proceeded to the method: a stream call must. */
    private boolean proceeded;

    /** The completion of a result stream, which a cancel cancels. */
    private @Nullable CompletableFuture<?> streamCompletion;

    /**
     * Creates an invocation whose deadline starts now.
     * @param method the method to call
     * @param arguments the array of the arguments; the invocation releases it
     * @param format the format of the arguments
     * @param timeoutMillis the time the caller waits, {@code 0} for no deadline; at most
     * {@value #MAX_TIMEOUT_MILLIS} is honoured
     * @param metadata the request metadata
     * @param caller the remote address, for log messages
     * @param tlsSession the TLS session of the connection, {@code null} when it is not
     * TLS
     * @param responder what receives the outcome
     * @param server the server whose interceptors and error settings apply
     */
    ServerInvocation(ServerMethod method, ByteBuf arguments, PayloadFormat format, long timeoutMillis,
            Map<String, String> metadata, @Nullable SocketAddress caller, @Nullable SSLSession tlsSession,
            Responder responder, RpcServer server) {
        this.method = method;
        this.arguments = arguments;
        this.format = format;
        this.timeoutMillis = Math.min(timeoutMillis, MAX_TIMEOUT_MILLIS);
        this.deadlineNanos = System.nanoTime() + this.timeoutMillis * 1_000_000L;
        this.metadata = metadata;
        this.context = new CallContext(this.deadlineNanos, hasDeadline(), metadata);
        this.caller = caller;
        this.tlsSession = tlsSession;
        this.responder = responder;
        this.server = server;
    }

    /**
     * Returns the descriptor of the called method.
     * @return the descriptor
     */
    MethodDescriptor descriptor() {
        return this.method.descriptor();
    }

    boolean runsOnEventLoop() {
        return this.method.runsOnEventLoop();
    }

    @Override
    public void run() {
        boolean answersLater = false;
        try {
            this.runner = Thread.currentThread();
            if (!STATE.compareAndSet(this, NEW, RUNNING)) {
                return; // cancelled before it started
            }
            if (hasDeadline() && System.nanoTime() - this.deadlineNanos > 0) {
                error(RpcStatus.DEADLINE_EXCEEDED, "the deadline passed before the call started");
                return;
            }
            RpcInterceptorChain interceptors = this.server.interceptors();
            Object result;
            try (RpcContext.Scope scope = this.context.enter()) {
                result = interceptors.isEmpty() ? readArgumentsAndInvoke() : intercepted(interceptors);
            }
            catch (Throwable ex) {
                if (ex == this.methodFailure || ex instanceof RpcException) {
                    fail(ex);
                }
                else if (settle(RUNNING)) {
                    logger.error("A server interceptor failed the call to {} from {}", descriptor(), this.caller, ex);
                    this.responder.onError(RpcStatus.INTERNAL, new ErrorPayload(
                            "the call to " + descriptor() + " failed in a server interceptor", null, null));
                }
                return;
            }
            if (descriptor().shape().isAsynchronous()) {
                answersLater = answerWhenComplete(result);
            }
            else if (settle(RUNNING)) {
                this.responder.onResult(result);
            }
        }
        finally {
            releaseArguments();
            leave();
            if (!answersLater) {
                this.responder.onFinished();
            }
        }
    }

    /**
     * Returns the time the caller waits, which the transport's timer counts from when it
     * dispatched the call.
     * @return the timeout in milliseconds, {@code 0} for no deadline
     */
    long timeoutMillis() {
        return this.timeoutMillis;
    }

    /**
     * Answers {@link RpcStatus#DEADLINE_EXCEEDED} unless the call already has its outcome
     * or was cancelled, and marks the call's {@link RpcContext} cancelled, so that calls
     * the method makes fail at once. The method is not interrupted: it runs on, and its
     * outcome is dropped (a cancel that comes while it runs still interrupts it). A call
     * not yet started never runs; the future of an asynchronous method is cancelled,
     * which interrupts nothing. Called by the transport's timer when the deadline passes;
     * safe from any thread, takes no lock.
     */
    public void deadlinePassed() {
        abort(RpcStatus.DEADLINE_EXCEEDED,
                "the deadline of " + this.timeoutMillis + " ms passed before " + descriptor() + " answered");
    }

    /**
     * Ends the call with an error unless it already has its outcome, as
     * {@link #deadlinePassed()} does: a stream still running is cancelled (the server is
     * shutting down). Safe from any thread.
     * @param status the status the caller receives
     * @param message why
     */
    public void abort(RpcStatus status, String message) {
        this.context.cancel();
        while (true) {
            int current = this.state;
            if (current != NEW && current != RUNNING && current != AWAITING) {
                return;
            }
            if (STATE.compareAndSet(this, current, (current == RUNNING) ? EXPIRED : DONE)) {
                this.responder.onError(status, new ErrorPayload(message, null, null));
                if (current == AWAITING) {
                    cancelPendingResult();
                }
                return;
            }
        }
    }

    /**
     * Returns the metadata to send with the response: what server interceptors added.
     * @return the response metadata
     */
    Map<String, String> responseMetadata() {
        RpcCall call = this.call;
        return (call != null) ? call.responseMetadata() : Map.of();
    }

    private RpcCall newCall() {
        RpcCall created = new InterceptedCall(RpcCall.Side.SERVER, descriptor().serviceName(), descriptor().method(),
                this.metadata, new LinkedHashMap<>(), this.caller, this.tlsSession);
        this.call = created;
        return created;
    }

    /**
     * Runs the call through the interceptors. One that returns without proceeding with a
     * stream call fails it, as on the client: the elements of a stream come from the
     * method, and the caller's stream is read by it alone. The failure comes where that
     * interceptor returns, so that the interceptors around it (the observation among
     * them) see the status the caller receives.
     */
    private @Nullable Object intercepted(RpcInterceptorChain interceptors) throws Throwable {
        if (descriptor().shape().isStreaming()) {
            return interceptors.invoke(newCall(), this::readArgumentsAndInvoke, this::requireProceeded);
        }
        return interceptors.invoke(newCall(), this::readArgumentsAndInvoke);
    }

    private void requireProceeded() {
        if (!this.proceeded) {
            throw new RpcException(RpcStatus.INTERNAL,
                    "a server interceptor returned without proceeding with the stream call to " + descriptor()
                            + ": a stream call cannot be answered by an interceptor; throw an RpcException to reject it");
        }
    }

    private @Nullable Object readArgumentsAndInvoke() throws Throwable {
        this.proceeded = true;
        Object[] arguments;
        try {
            arguments = this.arguments.isReadable() ? descriptor().readArguments(this.arguments, this.format)
                    : noArguments();
        }
        catch (IllegalArgumentException ex) {
            logger.debug("Invalid arguments for {} from {}: {}", descriptor(), this.caller, ex.getMessage());
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, String.valueOf(ex.getMessage()));
        }
        finally {
            releaseArguments();
        }
        MethodShape shape = descriptor().shape();
        if (shape.streamsParameter()) {
            arguments[descriptor().streamParameter()] = streamArgument();
        }
        if (shape.streamsResults() && this.responder.resultStream() == null) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    descriptor() + " returns a stream, which this transport does not carry");
        }
        Object result;
        try {
            result = this.method.invoke(arguments);
        }
        catch (Throwable ex) {
            this.methodFailure = ex;
            throw ex;
        }
        if (shape == MethodShape.MONO || shape == MethodShape.PARAMETER_STREAM) {
            // interceptors (and the observation) see the call end when the Mono does
            return (result != null) ? ReactorAdapters.toFuture(result) : null;
        }
        if (shape.streamsResults()) {
            return streamResults(result);
        }
        return result;
    }

    private Object streamArgument() {
        Object stream = this.responder.streamArgument();
        if (stream == null) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    descriptor() + " takes a stream, which this transport does not carry");
        }
        return descriptor().streamParameterIsFlux() ? ReactorAdapters.flux(stream) : stream;
    }

    /**
     * Subscribes the transport's sending end to the implementation's result stream, and
     * returns what completes when the stream ends, after its message counts are on the
     * call.
     */
    // the future is the method's result, which the invocation awaits
    @SuppressWarnings("FutureReturnValueIgnored")
    private @Nullable Object streamResults(@Nullable Object result) {
        OutboundStream stream = this.responder.resultStream();
        if (stream == null) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    descriptor() + " returns a stream, which this transport does not carry");
        }
        if (result == null) {
            return null; // answered as a method that returned null instead of a stream
        }
        this.streamCompletion = stream.completion();
        stream.subscribeTo(result);
        return stream.completion().whenComplete((value, failure) -> countMessages(stream.sent()));
    }

    private void countMessages(long sent) {
        RpcCall current = this.call;
        if (current != null) {
            current.setAttribute(MESSAGES_SENT, sent);
            current.setAttribute(MESSAGES_RECEIVED, this.responder.messagesReceived());
        }
    }

    /**
     * An empty payload is the empty array: a method without parameters may be called with
     * either.
     */
    private Object[] noArguments() {
        if (descriptor().parameterCount() != 0) {
            throw new IllegalArgumentException("expected " + descriptor().parameterCount() + " arguments for "
                    + descriptor().key() + ", got an empty payload");
        }
        return NO_ARGUMENTS;
    }

    private void releaseArguments() {
        if (!this.argumentsReleased) {
            this.argumentsReleased = true;
            this.arguments.release();
        }
    }

    /**
     * Cancels the call: a call not yet started never runs, a running one is interrupted,
     * the future of an asynchronous one is cancelled, and no outcome reaches the
     * responder (it is still told when the call is finished). A method still running
     * after its caller was answered at the deadline is interrupted too. Safe from any
     * thread; takes no lock.
     * @return whether the cancel came before the outcome, which then never reaches the
     * responder; {@code false} when the call already has its outcome or was cancelled
     * before
     */
    public boolean cancel() {
        while (true) {
            int current = this.state;
            if (current != DONE && current != CANCELLED) {
                this.context.cancel();
            }
            if (current == NEW) {
                if (STATE.compareAndSet(this, NEW, CANCELLED)) {
                    return true;
                }
            }
            else if (current == RUNNING || current == EXPIRED) {
                if (STATE.compareAndSet(this, current, INTERRUPTING)) {
                    try {
                        Thread runner = this.runner;
                        if (runner != null) {
                            runner.interrupt();
                        }
                    }
                    finally {
                        this.state = CANCELLED;
                    }
                    return current == RUNNING;
                }
            }
            else if (current == AWAITING) {
                if (STATE.compareAndSet(this, AWAITING, CANCELLED)) {
                    cancelPendingResult();
                    return true;
                }
            }
            else {
                return false;
            }
        }
    }

    private void cancelPendingResult() {
        CompletableFuture<?> stream = this.streamCompletion;
        if (stream != null) {
            stream.cancel(true);
        }
        CompletableFuture<?> pending = this.pendingResult;
        if (pending != null) {
            pending.cancel(true);
        }
    }

    /**
     * Takes the right to deliver the outcome; fails when a cancel came first.
     */
    private boolean settle(int from) {
        return STATE.compareAndSet(this, from, DONE);
    }

    /**
     * Leaves the runner's thread as it found it: a cancel's interrupt that came while the
     * call ran must not reach the pool's next task, so wait for one being delivered, then
     * clear it.
     */
    // a short wait that must let the canceller run, on a virtual thread too
    @SuppressWarnings("ThreadPriorityCheck")
    private void leave() {
        int current = this.state;
        if (current == RUNNING || current == EXPIRED) {
            STATE.compareAndSet(this, current, DONE); // the method has returned: nothing
                                                      // to interrupt
        }
        while (this.state == INTERRUPTING) {
            Thread.yield(); // the canceller is between its interrupt and its last write
        }
        Thread.interrupted();
    }

    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    private boolean answerWhenComplete(@Nullable Object result) {
        if (!(result instanceof CompletionStage<?> stage)) {
            fail(new IllegalStateException(descriptor() + " returned null instead of a "
                    + (descriptor().isAsynchronous() ? "future" : "publisher")));
            return false;
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        this.pendingResult = future;
        if (!STATE.compareAndSet(this, RUNNING, AWAITING)) {
            // a cancel, or the deadline, came while the method was returning its future
            // or its stream: cancel the stream's sending end too, which the future
            // derived from it would not reach
            cancelPendingResult();
            return false;
        }
        future.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    fail(unwrap(failure), AWAITING);
                }
                else if (settle(AWAITING)) {
                    this.responder.onResult(value);
                }
            }
            finally {
                this.responder.onFinished();
            }
        });
        return true;
    }

    private void error(RpcStatus status, String message) {
        if (settle(RUNNING)) {
            this.responder.onError(status, new ErrorPayload(message, null, null));
        }
    }

    private void fail(Throwable failure) {
        fail(failure, RUNNING);
    }

    private void fail(Throwable failure, int from) {
        if (!settle(from)) {
            return;
        }
        if (failure instanceof RpcException rpcException) {
            this.responder.onError(rpcException.getStatus(),
                    new ErrorPayload(rpcException.getDescription(), null, null));
            return;
        }
        Class<? extends Throwable> declared = descriptor().declaredTypeOf(failure);
        ErrorPayload error;
        if (declared != null) {
            String message = (failure.getClass() == declared) ? failure.getMessage()
                    : failure.getClass().getName() + ": " + failure.getMessage();
            error = new ErrorPayload(message, declared.getName(), failure.getClass().getName());
            logger.debug("{} threw declared {} for a call from {}", descriptor(), failure.getClass().getName(),
                    this.caller);
        }
        else {
            String message = this.server.includesErrorMessages()
                    ? failure.getClass().getName() + ": " + failure.getMessage() : failure.getClass().getName();
            error = new ErrorPayload(message, null, failure.getClass().getName());
            this.method.failures().undeclared(failure, this.caller);
        }
        this.responder.onError(RpcStatus.APPLICATION_ERROR, error);
    }

    private boolean hasDeadline() {
        return this.timeoutMillis > 0;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Receives the outcome of an invocation and answers the caller in the transport's
     * terms. Its methods are called on the thread that ran the call or completed its
     * future, or, for a passed deadline, on the thread of the timer that called
     * {@link ServerInvocation#deadlinePassed()}.
     */
    public interface Responder {

        /**
         * The method returned (for an asynchronous method, its future completed)
         * normally.
         * @param result the result, {@code null} for {@code void} methods
         */
        void onResult(@Nullable Object result);

        /**
         * The call failed: its deadline had passed, its arguments could not be read, or
         * the method threw. A declared exception comes as
         * {@link RpcStatus#APPLICATION_ERROR} with {@link ErrorPayload#exception()} set.
         * @param status the status of the failure, never {@link RpcStatus#OK}
         * @param error the details to send
         */
        void onError(RpcStatus status, ErrorPayload error);

        /**
         * The call is over, answered or cancelled; called once, last.
         */
        void onFinished();

        /**
         * Returns the publisher of the caller's stream, for a method with a stream
         * parameter: a Reactive Streams {@code Publisher}.
         * @return the publisher, {@code null} when the transport does not carry streams
         */
        default @Nullable Object streamArgument() {
            return null;
        }

        /**
         * Returns the sending end of the result stream, for a method that returns a
         * stream: it sends the elements as the caller's demand allows, and completes when
         * the stream ends; the outcome then goes to {@link #onResult} ({@code null}) or
         * {@link #onError}.
         * @return the sending end, {@code null} when the transport does not carry streams
         */
        default @Nullable OutboundStream resultStream() {
            return null;
        }

        /**
         * Returns the number of elements of the caller's stream received so far.
         * @return the count
         */
        default long messagesReceived() {
            return 0;
        }

    }

}
