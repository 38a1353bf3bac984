package io.rpcboot.semantics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Methods that return {@link CompletableFuture} are asynchronous on both sides: the
 * caller gets its future before the server has a result, and the server answers when its
 * future completes without holding one of its threads meanwhile. The server here runs
 * calls on a single thread.
 */
class AsynchronousCallsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .serverProperties("rpc.server.max-threads=1")
        .client("jobs", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.timeout=5s");

    private final Jobs jobs = pair.clientBean(Jobs.class);

    private final JobsImpl serverJobs = pair.serverBean(JobsImpl.class);

    @Test
    void callReturnsItsFutureBeforeTheServerCompletes() {
        CompletableFuture<String> result = run("report");
        CompletableFuture<String> onServer = serverJobs.awaitStarted("report");
        assertThat(result).isNotDone();
        onServer.complete("report done");
        assertThat(result).succeedsWithin(WAIT).isEqualTo("report done");
    }

    @Test
    void serverThreadIsFreeWhileFuturesArePending() {
        List<CompletableFuture<String>> results = IntStream.range(0, 3).mapToObj((i) -> run("pending-" + i)).toList();
        List<CompletableFuture<String>> onServer = IntStream.range(0, 3)
            .mapToObj((i) -> serverJobs.awaitStarted("pending-" + i))
            .toList();
        assertThat(jobs.ping()).isEqualTo("pong");
        onServer.forEach((future) -> future.complete("done"));
        results.forEach((result) -> assertThat(result).succeedsWithin(WAIT).isEqualTo("done"));
    }

    @Test
    void failedFutureArrivesAsTheDeclaredException() {
        CompletableFuture<String> result = run("broken");
        serverJobs.awaitStarted("broken").completeExceptionally(new JobFailedException("disk full"));
        assertThat(result).failsWithin(WAIT)
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isExactlyInstanceOf(JobFailedException.class)
            .withMessage("disk full");
    }

    @Test
    void failedFutureWithAnUndeclaredExceptionArrivesAsApplicationError() {
        CompletableFuture<String> result = run("crashed");
        serverJobs.awaitStarted("crashed").completeExceptionally(new IllegalStateException("no printer"));
        assertThat(result).failsWithin(WAIT)
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(RpcException.class,
                    (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.APPLICATION_ERROR))
            .withMessageContaining("java.lang.IllegalStateException")
            .withMessageNotContaining("no printer");
    }

    @Test
    void resultCompletesOffTheClientsEventLoop() {
        CompletableFuture<String> result = run("threads");
        CompletableFuture<String> completingThread = result.thenApply((value) -> Thread.currentThread().getName());
        serverJobs.awaitStarted("threads").complete("done");
        assertThat(completingThread).succeedsWithin(WAIT).asString().doesNotStartWith("rpc-client-io");
    }

    @Test
    void cancellingTheCallersFutureCancelsTheServersFuture() {
        CompletableFuture<String> result = run("unwanted");
        CompletableFuture<String> onServer = serverJobs.awaitStarted("unwanted");
        result.cancel(true);
        await().atMost(WAIT).until(onServer::isCancelled);
    }

    private CompletableFuture<String> run(String job) {
        try {
            return jobs.run(job);
        }
        catch (JobFailedException ex) {
            throw new AssertionError("an asynchronous call threw instead of failing its future", ex);
        }
    }

    public static class JobFailedException extends Exception {

        public JobFailedException(String message) {
            super(message);
        }

    }

    @RpcClient(name = "jobs")
    public interface Jobs {

        CompletableFuture<String> run(String job) throws JobFailedException;

        String ping();

    }

    @RpcService
    static class JobsImpl implements Jobs {

        private final Map<String, CompletableFuture<String>> started = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<String> run(String job) {
            CompletableFuture<String> future = new CompletableFuture<>();
            this.started.put(job, future);
            return future;
        }

        @Override
        public String ping() {
            return "pong";
        }

        CompletableFuture<String> awaitStarted(String job) {
            return await().atMost(WAIT).until(() -> this.started.get(job), (future) -> future != null);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        JobsImpl jobs() {
            return new JobsImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Jobs.class)
    static class ClientApp {

    }

}
