package io.rpcboot.internal.server.http;

import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.InboundStream;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.server.ServerInvocation;

/**
 * One call made over HTTP: turns the outcome of its invocation into an HTTP response
 * (serialized on the thread that ran the call) and hands it to its connection, which
 * writes it in turn. It is also the task of the call's deadline timer: when the deadline
 * passes first, the invocation answers {@code DEADLINE_EXCEEDED} through it at once
 * (504), without interrupting the method. When there is no memory for the response, the
 * connection is told so and closes, rather than leaving its client waiting for an answer
 * that never comes. A method that streams its results answers with a chunked response,
 * element by element ({@link HttpResultStream}); the elements of a stream parameter are
 * read from its slot of the argument array, a JSON array.
 */
final class HttpCall implements ServerInvocation.Responder, Runnable {

    private static final Logger logger = LoggerFactory.getLogger(HttpCall.class);

    private final HttpCallAnswers answers;

    private final MethodDescriptor method;

    private final HttpVersion version;

    private boolean keepAlive;

    private final long timeoutMillis;

    private @Nullable ServerInvocation invocation;

    private @Nullable Future<?> deadline;

    private @Nullable HttpResultStream results;

    private @Nullable AtomicReference<@Nullable ByteBuf> streamBody;

    private @Nullable ObjectReader elementReader;

    private volatile long received;

    HttpCall(HttpCallAnswers answers, MethodDescriptor method, HttpVersion version, boolean keepAlive,
            long timeoutMillis) {
        this.answers = answers;
        this.method = method;
        this.version = version;
        this.keepAlive = keepAlive;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Makes the call answer with the stream of its results; before it is dispatched.
     * @param writer what writes the stream to the connection
     * @param events whether the client asked for server-sent events
     * @param requests where demand is passed to the publisher
     * @param window the most elements requested and not yet written to the socket
     */
    void streamResults(HttpStreamWriter writer, boolean events, Executor requests, int window) {
        // an HTTP/1.0 client learns where a stream ends only from the connection's close
        this.keepAlive = this.keepAlive && this.version.isKeepAliveDefault();
        this.results = new HttpResultStream(writer, this, this.method, events, requests, window);
    }

    /**
     * Makes the call read the elements of its stream parameter from the arguments; before
     * it is dispatched.
     * @param arguments the array of the arguments, released by the call
     * @param reader the reader of one element
     */
    void streamParameter(ByteBuf arguments, ObjectReader reader) {
        this.streamBody = new AtomicReference<>(arguments);
        this.elementReader = reader;
    }

    /**
     * Returns the stream of the call's results.
     * @return the stream, {@code null} when the method does not stream its results
     */
    @Nullable HttpResultStream results() {
        return this.results;
    }

    @Override
    public @Nullable OutboundStream resultStream() {
        HttpResultStream stream = this.results;
        return (stream != null) ? stream.outbound() : null;
    }

    @Override
    public long messagesReceived() {
        return this.received;
    }

    /**
     * Reads the elements of the stream parameter from its slot of the argument array, all
     * at once: the request body holds them already.
     */
    @Override
    public @Nullable Object streamArgument() {
        AtomicReference<@Nullable ByteBuf> held = this.streamBody;
        ObjectReader reader = this.elementReader;
        ByteBuf body = (held != null) ? held.getAndSet(null) : null;
        if (body == null || reader == null) {
            return null;
        }
        InboundStream stream = new InboundStream(1, false, NoPeer.INSTANCE);
        try (JsonParser parser = reader.createParser((InputStream) new ByteBufInputStream(body))) {
            int slot = this.method.streamParameter();
            parser.nextToken(); // the argument array, read before
            for (int i = 0; i < slot; i++) {
                parser.nextToken();
                parser.skipChildren();
            }
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new RpcException(RpcStatus.INVALID_ARGUMENT, "argument " + slot + " of " + this.method.key()
                        + " must be a JSON array of the elements of its stream");
            }
            long count = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Object element = reader.readValue(parser);
                if (element == null) {
                    throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                            "element " + count + " of the stream of " + this.method.key() + " is null");
                }
                stream.onMessage(element);
                count++;
            }
            this.received = count;
        }
        catch (RpcException ex) {
            throw ex;
        }
        catch (JacksonException ex) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, "the elements of the stream of " + this.method.key()
                    + " are not readable: " + ex.getOriginalMessage());
        }
        catch (RuntimeException ex) {
            // a deserializer of the application that refuses a value with its own
            // exception
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    "the elements of the stream of " + this.method.key() + " are not readable: " + ex);
        }
        finally {
            body.release();
        }
        stream.onEnd();
        return stream;
    }

    @Override
    public void onResult(@Nullable Object result) {
        HttpResultStream stream = this.results;
        if (stream != null) {
            stream.end(null, null);
            return;
        }
        ByteBuf body;
        try {
            body = this.answers.alloc().buffer();
        }
        catch (OutOfMemoryError ex) {
            this.answers.answerFailed(this, ex);
            return;
        }
        try {
            this.method.writeResult(body, result, PayloadFormat.JSON);
        }
        catch (RuntimeException ex) {
            body.release();
            logger.error("The result of {} could not be serialized", this.method, ex);
            onError(RpcStatus.INTERNAL,
                    new ErrorPayload("the result of " + this.method + " could not be serialized", null, null));
            return;
        }
        catch (OutOfMemoryError ex) {
            body.release();
            this.answers.answerFailed(this, ex);
            return;
        }
        if (body.isReadable()) {
            this.answers.complete(this, HttpResponses.json(this.version, body));
        }
        else {
            body.release();
            this.answers.complete(this, HttpResponses.noContent(this.version));
        }
    }

    @Override
    public void onError(RpcStatus status, ErrorPayload error) {
        HttpResultStream stream = this.results;
        if (stream != null) {
            stream.end(status, error);
            return;
        }
        FullHttpResponse response;
        try {
            response = this.answers.errorResponse(this.version, status, error);
        }
        catch (RuntimeException | OutOfMemoryError ex) {
            this.answers.answerFailed(this, ex);
            return;
        }
        this.answers.complete(this, response);
    }

    @Override
    public void onFinished() {
        releaseStreamBody();
    }

    /**
     * Releases the elements of the stream parameter when they were not read (the call was
     * refused or cancelled before); from any thread.
     */
    void releaseStreamBody() {
        AtomicReference<@Nullable ByteBuf> held = this.streamBody;
        ByteBuf body = (held != null) ? held.getAndSet(null) : null;
        if (body != null) {
            body.release();
        }
    }

    /**
     * The deadline passed: the invocation answers {@code DEADLINE_EXCEEDED} unless it has
     * its outcome.
     */
    @Override
    public void run() {
        ServerInvocation invocation = this.invocation;
        if (invocation != null) {
            invocation.deadlinePassed();
        }
    }

    /**
     * Records what runs the call; on the connection's event loop.
     * @param invocation the running invocation
     * @param deadline the timer of the call's deadline, {@code null} without one
     */
    void started(ServerInvocation invocation, @Nullable Future<?> deadline) {
        this.invocation = invocation;
        this.deadline = deadline;
    }

    /**
     * Forgets the call's timer once it has an answer; on the connection's event loop.
     */
    void answered() {
        if (this.deadline != null) {
            this.deadline.cancel(false);
        }
    }

    /**
     * Stops the call: its answer is no longer wanted; on the connection's event loop.
     */
    void cancel() {
        answered();
        if (this.invocation != null) {
            this.invocation.cancel();
        }
    }

    HttpVersion version() {
        return this.version;
    }

    /**
     * Ends the call with an error unless it has its outcome; on the event loop.
     * @param status the status the caller receives
     * @param message why
     */
    void abort(RpcStatus status, String message) {
        if (this.invocation != null) {
            this.invocation.abort(status, message);
        }
    }

    boolean keepAlive() {
        return this.keepAlive;
    }

    long timeoutMillis() {
        return this.timeoutMillis;
    }

    @Override
    public String toString() {
        return this.method.toString();
    }

    /** A stream read whole from the request: no credit to send, no sender to stop. */
    private enum NoPeer implements InboundStream.Peer {

        INSTANCE;

        @Override
        public void credit(long count) {
        }

        @Override
        public void cancel() {
        }

    }

}
