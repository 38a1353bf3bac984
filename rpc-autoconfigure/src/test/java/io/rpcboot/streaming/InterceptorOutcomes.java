package io.rpcboot.streaming;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcInterceptor;
import io.rpcboot.RpcStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome of each call as an outer interceptor sees it (what its {@code proceed()}
 * throws, or how the future it returns completes), by the name the call carries in its
 * metadata, and the waits for it and for the call's timer.
 */
final class InterceptorOutcomes {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Map<String, RpcStatus> outcomes = new ConcurrentHashMap<>();

    private final String nameKey;

    /**
     * Creates the record.
     * @param nameKey the metadata key whose value names a call
     */
    InterceptorOutcomes(String nameKey) {
        this.nameKey = nameKey;
    }

    /**
     * Proceeds with a call and records its outcome.
     * @param call the call
     * @param next the interceptors within
     * @return what they returned
     * @throws Throwable what they threw
     */
    @Nullable Object proceedAndRecord(RpcCall call, RpcInterceptor.Invocation next) throws Throwable {
        String name = call.requestMetadata().getOrDefault(this.nameKey, "unnamed");
        Object result;
        try {
            result = next.proceed();
        }
        catch (Throwable ex) {
            this.outcomes.put(name, RpcStatus.of(ex));
            throw ex;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> this.outcomes.put(name,
                    RpcStatus.of((failure instanceof CompletionException) ? failure.getCause() : failure)));
        }
        else {
            this.outcomes.put(name, RpcStatus.OK);
        }
        return result;
    }

    /**
     * Waits for the outcome of a call.
     * @param call the call's name
     * @return its status
     * @throws InterruptedException when interrupted
     */
    RpcStatus await(String call) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            RpcStatus status = this.outcomes.get(call);
            if (status != null) {
                return status;
            }
            assertThat(System.nanoTime() - deadline).as("outcome of " + call + " seen").isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

    /**
     * Waits until a call of a method is timed with a status.
     * @param registry the registry of the side that timed it
     * @param metric {@code rpc.server.requests} or {@code rpc.client.requests}
     * @param method the method's name
     * @param status the status
     * @throws InterruptedException when interrupted
     */
    static void awaitTimed(MeterRegistry registry, String metric, String method, RpcStatus status)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Timer timer = registry.find(metric).tag("rpc.method", method).tag("rpc.status", status.name()).timer();
            if (timer != null && timer.count() > 0) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as(metric + " of " + method + " with " + status).isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

}
