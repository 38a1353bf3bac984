package io.rpcboot.semantics;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the server runs calls: on its pool of call threads, which starts a thread only
 * when every thread is busy, or, for methods declared
 * {@code @RpcMethod(blocking = false)}, on the I/O thread that read them.
 */
class ThreadingTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("threads", AutoConfiguredApplication.class, ClientApp.class);

    private final Threads threads = pair.clientBean(Threads.class);

    @Test
    void blockingMethodsRunOnCallThreads() {
        assertThat(threads.blocking()).startsWith("rpc-server-call");
    }

    @Test
    void nonBlockingMethodsRunOnTheIoThreadThatReadThem() {
        assertThat(threads.nonBlocking()).startsWith("rpc-server-io");
        assertThat(threads.nonBlockingAsync().join()).startsWith("rpc-server-io");
    }

    @Test
    void callsOneAtATimeReuseTheIdleThreadInsteadOfStartingAnother() {
        // a server of its own, whose pool has started no thread yet
        try (ConfigurableApplicationContext ownServer = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
                ConfigurableApplicationContext ownClient = RpcApplications.client(ownServer, "threads",
                        new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            Threads own = ownClient.getBean(Threads.class);
            String first = own.blocking();
            String pool = first.substring(0, first.lastIndexOf('-') + 1);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                awaitIdle(pool);
                seen.add(own.blocking());
            }
            assertThat(seen).containsExactly(first);
        }
    }

    /**
     * Waits until every thread of the pool waits for a call (it has finished the previous
     * one).
     */
    private static void awaitIdle(String pool) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Thread.getAllStackTraces()
            .keySet()
            .stream()
            .filter((thread) -> thread.getName().startsWith(pool))
            .allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING)) {
            assertThat(System.nanoTime()).as("call threads of %s idle", pool).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @RpcClient(name = "threads")
    public interface Threads {

        String blocking();

        @RpcMethod(blocking = false)
        String nonBlocking();

        @RpcMethod(blocking = false)
        CompletableFuture<String> nonBlockingAsync();

    }

    @RpcService
    static class ThreadsService implements Threads {

        @Override
        public String blocking() {
            return Thread.currentThread().getName();
        }

        @Override
        public String nonBlocking() {
            return Thread.currentThread().getName();
        }

        @Override
        public CompletableFuture<String> nonBlockingAsync() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        ThreadsService threadsService() {
            return new ThreadsService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Threads.class)
    static class ClientApp {

    }

}
