package io.rpcboot.observation;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcInterceptor;
import io.rpcboot.RpcStatus;

/**
 * Runs the rest of an interceptor chain inside an observation's scope and stops the
 * observation with the call's outcome, when the call returns or, for asynchronous
 * methods, when its future completes.
 */
final class ObservedInvocation {

    private ObservedInvocation() {
    }

    static @Nullable Object observe(Observation observation, Consumer<RpcStatus> statusSink,
            RpcInterceptor.Invocation next) throws Throwable {
        observation.start();
        Object result;
        try (Observation.Scope scope = observation.openScope()) {
            result = next.proceed();
        }
        catch (Throwable ex) {
            stop(observation, statusSink, ex);
            throw ex;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> stop(observation, statusSink, unwrap(failure)));
        }
        else {
            stop(observation, statusSink, null);
        }
        return result;
    }

    private static void stop(Observation observation, Consumer<RpcStatus> statusSink, @Nullable Throwable failure) {
        statusSink.accept(RpcStatus.of(failure));
        if (failure != null) {
            observation.error(failure);
        }
        observation.stop();
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        Throwable current = failure;
        while (current instanceof java.util.concurrent.CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

}
