package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.CallContext;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.support.RawServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method that returns a {@link CompletableFuture} reports every failure through its
 * future, also those that happen before any request exists: the caller never has to catch
 * around the call.
 */
class FutureMethodFailureTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void interceptorThatRefusesTheCallFailsTheFuture() {
        RpcClientInterceptor refusing = (call, next) -> {
            throw new RpcException(RpcStatus.PERMISSION_DENIED, "not you");
        };
        try (RawServer server = new RawServer(); RpcClientFactory factory = factory(List.of(refusing))) {
            CompletableFuture<String> result = call(client(factory, server));
            assertFailsWith(result, RpcStatus.PERMISSION_DENIED, "not you");
        }
    }

    @Test
    void interceptorThatBreaksFailsTheFutureWithInternal() {
        RpcClientInterceptor broken = (call, next) -> {
            throw new IllegalStateException("interceptor bug");
        };
        try (RawServer server = new RawServer(); RpcClientFactory factory = factory(List.of(broken))) {
            CompletableFuture<String> result = call(client(factory, server));
            assertFailsWith(result, RpcStatus.INTERNAL, "a client interceptor failed the call");
        }
    }

    @Test
    void inheritedDeadlineThatPassedFailsTheFuture() {
        try (RawServer server = new RawServer();
                RpcClientFactory factory = factory(List.of());
                RpcContext.Scope serving = CallContext.enter(System.nanoTime() - 1, true, Map.of())) {
            CompletableFuture<String> result = call(client(factory, server));
            assertFailsWith(result, RpcStatus.DEADLINE_EXCEEDED, "the deadline of the call being served passed");
        }
    }

    private static RpcClientFactory factory(List<RpcClientInterceptor> interceptors) {
        return new RpcClientFactory(new PayloadCodec(new JsonMapper()), new ClientOptions(4096, WAIT), interceptors);
    }

    private static Jobs client(RpcClientFactory factory, RawServer server) {
        return factory.createClient(Jobs.class,
                new RemoteServiceConfig("jobs", List.of(EndpointAddress.parse(server.url())), WAIT));
    }

    private static CompletableFuture<String> call(Jobs jobs) {
        try {
            return jobs.run("report");
        }
        catch (RuntimeException ex) {
            throw new AssertionError("the call threw instead of failing its future", ex);
        }
    }

    private static void assertFailsWith(CompletableFuture<String> result, RpcStatus status, String message) {
        assertThat(result).failsWithin(WAIT)
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(RpcException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(status))
            .withMessageContaining(message);
    }

    /** The service called. */
    public interface Jobs {

        CompletableFuture<String> run(String job);

    }

}
