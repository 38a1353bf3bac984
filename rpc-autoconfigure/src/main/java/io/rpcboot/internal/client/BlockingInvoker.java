package io.rpcboot.internal.client;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * Calls a method on the caller's thread and waits for its answer within the deadline,
 * making the attempts its {@link Retries} allow. A caller that stops waiting (deadline,
 * interrupt) abandons the call; when the answer won that race, it is the caller's to
 * release.
 */
final class BlockingInvoker implements ClientInvoker {

    static final BlockingInvoker INSTANCE = new BlockingInvoker();

    /**
     * How long past the deadline the caller waits for the connection's own expiry to fail
     * the call.
     */
    private static final long WAIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private BlockingInvoker() {
    }

    @Override
    public @Nullable Object call(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata, @Nullable RpcCall rpcCall) throws Throwable {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        Retries retries = method.retries();
        retries.callMade(start);
        RetryState retry = null;
        while (true) {
            ClientConnection connection = null;
            ResponseFrame response;
            try {
                connection = method.awaitConnection(retry, deadline);
                ClientCall call = method.newCall(connection, arguments, deadline - System.nanoTime(), timeoutNanos,
                        metadata);
                connection.start(call);
                response = awaitResponse(method, call, deadline);
            }
            catch (RpcException ex) {
                RetryState next = retries.afterFailure(method, retry, ex,
                        (connection != null) ? connection.address() : null, deadline, rpcCall);
                if (next == null) {
                    throw NotProcessedException.forCaller(ex);
                }
                retry = pause(method, next);
                continue;
            }
            if (response.status() != RpcStatus.OK) {
                RetryState next = retries.afterAnswer(method, retry, response, connection.address(), deadline, rpcCall);
                if (next != null) {
                    response.payload().release();
                    retry = pause(method, next);
                    continue;
                }
            }
            return method.decode(response, rpcCall);
        }
    }

    @Override
    public @Nullable Object failed(Throwable failure) throws Throwable {
        throw failure;
    }

    /** Waits for the backoff before a retry, on the caller's thread. */
    private static RetryState pause(ClientMethod method, RetryState retry) {
        if (retry.delayNanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(retry.delayNanos);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new RpcException(RpcStatus.CANCELLED,
                        "interrupted while waiting to retry the call to " + method.descriptor());
            }
        }
        return retry;
    }

    private static ResponseFrame awaitResponse(ClientMethod method, ClientCall call, long deadline) {
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()) + WAIT_GRACE_NANOS, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            String message = "interrupted while waiting for " + method.descriptor();
            if (!call.abandon(RpcStatus.CANCELLED, message)) {
                releaseAnswer(call);
            }
            throw new RpcException(RpcStatus.CANCELLED, message);
        }
        catch (ExecutionException ex) {
            throw ClientMethod.unwrap(ex);
        }
        catch (TimeoutException ex) {
            String message = "no answer from " + method.descriptor();
            if (!call.abandon(RpcStatus.DEADLINE_EXCEEDED, message)) {
                releaseAnswer(call);
            }
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED, message);
        }
    }

    /**
     * Releases the answer of a call that completed while its caller gave up: the caller
     * owns it.
     */
    private static void releaseAnswer(ClientCall call) {
        if (!call.isCompletedExceptionally()) {
            call.join().payload().release();
        }
    }

}
