package io.rpcboot.semantics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.internal.client.ClientOptions;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.LoadBalancing;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.client.ServicePolicy;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.TcpRelay;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client, three servers on three loopback addresses: calls are spread over them,
 * least-requests avoids a slow one, a server that stops or dies loses no call and runs
 * none twice, and retries stay within their budget.
 */
class ScaleOutTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int THREADS = 16;

    /** Executions of each call by its id, over every server of the test. */
    static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    private final List<LedgerImpl> ledgers = new ArrayList<>();

    private final List<TcpRelay> relays = new ArrayList<>();

    private final List<RpcClientFactory> factories = new ArrayList<>();

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        this.threads.shutdownNow();
        this.factories.forEach(RpcClientFactory::close);
        this.relays.forEach(TcpRelay::close);
        this.servers.forEach(ConfigurableApplicationContext::close);
        executions.clear();
    }

    @Test
    void callsSpreadOverEveryServer() throws Exception {
        startServers();
        Ledger ledger = client(ServicePolicy.DEFAULT, urls());
        callFromThreads(THREADS * 20, (i) -> ledger.record("call-" + i));
        for (int i = 0; i < 3; i++) {
            assertThat(counter(i).recorded.get()).as("calls served by server %d", i).isPositive();
        }
    }

    @Test
    void leastRequestsSendsLessToASlowServerThanRoundRobin() throws Exception {
        startServers();
        counter(1).delayMillis = 20;
        int calls = THREADS * 25;
        Ledger roundRobin = client(policy(LoadBalancing.ROUND_ROBIN), urls());
        callFromThreads(calls, (i) -> roundRobin.record("rr-" + i));
        int slowRoundRobin = counter(1).recorded.getAndSet(0);
        Ledger leastRequests = client(ServicePolicy.DEFAULT, urls());
        callFromThreads(calls, (i) -> leastRequests.record("lr-" + i));
        int slowLeastRequests = counter(1).recorded.get();
        assertThat(slowLeastRequests)
            .as("calls to the slow server with least-requests (round-robin: %d of %d)", slowRoundRobin, calls)
            .isLessThan(slowRoundRobin);
    }

    @Test
    void serverShutDownGracefullyWhileCalledLosesNoCallAndRunsNoneTwice() throws Exception {
        startServers();
        Ledger ledger = client(ServicePolicy.DEFAULT, urls());
        AtomicInteger made = new AtomicInteger();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch warmedUp = new CountDownLatch(THREADS * 10);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger afterStop = new AtomicInteger();
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            callers.add(this.threads.submit(() -> {
                for (int i = 0; afterStop.get() < THREADS * 4; i++) {
                    String id = thread + "-" + i;
                    try {
                        if (i % 2 == 0) {
                            ledger.record(id);
                        }
                        else {
                            ledger.recordLater(id).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                    catch (Exception ex) {
                        failures.add(ex);
                    }
                    made.incrementAndGet();
                    warmedUp.countDown();
                    if (stopped.getCount() == 0) {
                        afterStop.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        assertThat(warmedUp.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        this.servers.get(2).close(); // graceful: drains its calls, refuses new ones
        stopped.countDown();
        for (Future<?> caller : callers) {
            caller.get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        }
        assertThat(failures).as("failed calls").isEmpty();
        int executed = 0;
        for (int i = 0; i < 3; i++) {
            executed += counter(i).recorded.get();
        }
        assertThat(executed).as("executions on the servers").isEqualTo(made.get());
        assertThat(executions.values()).as("executions per call").allSatisfy((count) -> assertThat(count).hasValue(1));
    }

    @Test
    void serverKilledUnderCallsFailsNoIdempotentCallAndRunsNoOtherCallTwice() throws Exception {
        startServers(false);
        for (ConfigurableApplicationContext server : this.servers) {
            this.relays.add(new TcpRelay(RpcApplications.port(server)));
        }
        List<String> relayed = this.relays.stream().map((relay) -> "rpc://127.0.0.1:" + relay.port()).toList();
        Ledger ledger = client(ServicePolicy.DEFAULT, relayed);
        for (int i = 0; i < 3; i++) {
            counter(i).delayMillis = 300;
        }
        // idempotent calls in flight on every server when one of them dies
        List<Future<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            reads.add(this.threads.submit(ledger::count));
        }
        awaitRunning(() -> counter(0).running.get() + counter(1).running.get() + counter(2).running.get(), THREADS);
        assertThat(counter(0).running.get()).as("calls running on the server that dies").isPositive();
        this.relays.get(0).close();
        for (Future<Integer> read : reads) {
            assertThat(read.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)).isNotNegative();
        }
        // calls that are not idempotent, in flight when another server dies
        awaitRunning(() -> counter(0).running.get() + counter(1).running.get() + counter(2).running.get(), 0);
        List<Future<?>> records = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String id = "record-" + i;
            records.add(this.threads.submit(() -> ledger.record(id)));
        }
        awaitRunning(() -> counter(1).running.get() + counter(2).running.get(), THREADS);
        int runningOnTheDead = counter(1).running.get();
        this.relays.get(1).close();
        int failed = 0;
        for (Future<?> record : records) {
            try {
                record.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
            catch (java.util.concurrent.ExecutionException ex) {
                assertThat(ex.getCause()).isInstanceOfSatisfying(RpcException.class,
                        (rpc) -> assertThat(rpc.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE));
                failed++;
            }
        }
        assertThat(runningOnTheDead).as("calls running on the server that dies").isPositive();
        assertThat(failed).as("failed calls: those in flight on the server that died").isEqualTo(runningOnTheDead);
        awaitRunning(() -> counter(1).running.get(), 0);
        assertThat(executions).as("executions per call").hasSize(THREADS);
        assertThat(executions.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
    }

    @Test
    void retriesStayWithinTheBudgetWhenEveryServerFails() throws Exception {
        startServers();
        Ledger ledger = client(ServicePolicy.DEFAULT, urls());
        int calls = THREADS * 30;
        AtomicInteger failed = new AtomicInteger();
        callFromThreads(calls, (i) -> {
            try {
                ledger.idempotentButDown();
            }
            catch (RpcException ex) {
                failed.incrementAndGet();
            }
        });
        assertThat(failed).hasValue(calls);
        int attempts = counter(0).failed.get() + counter(1).failed.get() + counter(2).failed.get();
        // the budget is approximate by design: callers that ask for a retry at the same
        // moment may each take the last one, so it can be exceeded by one per caller
        long allowed = calls + Math.round(calls * ServicePolicy.DEFAULT_RETRY_BUDGET)
                + ServicePolicy.DEFAULT_MIN_RETRIES_PER_SECOND * 10L + THREADS;
        assertThat(attempts)
            .as("attempts on the servers (%d calls, %d attempts without a budget)", calls,
                    calls * ServicePolicy.DEFAULT_MAX_ATTEMPTS)
            .isGreaterThan(calls)
            .isLessThanOrEqualTo((int) allowed);
    }

    @Test
    void unavailableThrownByAnImplementationIsNotRetriedForAMethodThatIsNotIdempotent() {
        startServers();
        Ledger ledger = client(ServicePolicy.DEFAULT, urls());
        assertUnavailable(ledger::notIdempotentAndDown);
        assertThat(totalFailed()).as("executions").isEqualTo(1);
        assertUnavailable(() -> ledger.notIdempotentAndDownLater().join());
        assertThat(totalFailed()).as("executions").isEqualTo(2);
        assertUnavailable(ledger::idempotentButDown);
        assertThat(totalFailed()).as("executions with an idempotent method")
            .isEqualTo(2 + ServicePolicy.DEFAULT_MAX_ATTEMPTS);
    }

    private static void assertUnavailable(Runnable call) {
        try {
            call.run();
            throw new AssertionError("the call succeeded");
        }
        catch (RpcException ex) {
            assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE);
        }
        catch (java.util.concurrent.CompletionException ex) {
            assertThat(ex.getCause()).isInstanceOfSatisfying(RpcException.class,
                    (rpc) -> assertThat(rpc.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE));
        }
    }

    private int totalFailed() {
        return counter(0).failed.get() + counter(1).failed.get() + counter(2).failed.get();
    }

    private void startServers() {
        startServers(true);
    }

    /**
     * Starts three servers, on 127.0.0.1, 127.0.0.2 and 127.0.0.3 or all on 127.0.0.1
     * (where a {@link TcpRelay} reaches them).
     */
    private void startServers(boolean ownAddresses) {
        for (int i = 1; i <= 3; i++) {
            ConfigurableApplicationContext server = RpcApplications.server(
                    new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                    "rpc.server.address=127.0.0." + (ownAddresses ? i : 1));
            this.servers.add(server);
            this.ledgers.add(server.getBean(LedgerImpl.class));
        }
    }

    private List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < this.servers.size(); i++) {
            urls.add("rpc://127.0.0." + (i + 1) + ":" + RpcApplications.port(this.servers.get(i)));
        }
        return urls;
    }

    private LedgerImpl counter(int server) {
        return this.ledgers.get(server);
    }

    private final Map<ServicePolicy, Ledger> clients = new ConcurrentHashMap<>();

    private Ledger client(ServicePolicy policy, List<String> urls) {
        return this.clients.computeIfAbsent(policy, (key) -> {
            RpcClientFactory factory = new RpcClientFactory(new PayloadCodec(new JsonMapper()),
                    new ClientOptions(1 << 20, Duration.ofSeconds(3)));
            this.factories.add(factory);
            return factory.createClient(Ledger.class,
                    new RemoteServiceConfig("ledger", urls.stream().map(EndpointAddress::parse).toList(), TIMEOUT),
                    policy);
        });
    }

    private static ServicePolicy policy(LoadBalancing loadBalancing) {
        return new ServicePolicy(loadBalancing, ServicePolicy.DEFAULT_MAX_ATTEMPTS, ServicePolicy.DEFAULT_RETRY_BUDGET,
                ServicePolicy.DEFAULT_MIN_RETRIES_PER_SECOND);
    }

    private interface Call {

        void run(int index) throws Exception;

    }

    private void callFromThreads(int calls, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            callers.add(this.threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    call.run(i);
                }
                return null;
            }));
        }
        for (Future<?> caller : callers) {
            caller.get(TIMEOUT.toSeconds() * 6, TimeUnit.SECONDS);
        }
    }

    private static void awaitRunning(IntSupplier running, int atLeastOrZero) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (atLeastOrZero == 0 ? running.getAsInt() != 0 : running.getAsInt() < atLeastOrZero) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("running calls: " + running.getAsInt());
            }
            Thread.onSpinWait();
        }
    }

    /** Records calls and counts what its server ran. */
    public interface Ledger {

        int record(String id);

        CompletableFuture<Integer> recordLater(String id);

        @RpcMethod(idempotent = true)
        int count();

        @RpcMethod(idempotent = true)
        int idempotentButDown();

        int notIdempotentAndDown();

        CompletableFuture<Integer> notIdempotentAndDownLater();

    }

    @RpcService
    static class LedgerImpl implements Ledger {

        final AtomicInteger recorded = new AtomicInteger();

        final AtomicInteger running = new AtomicInteger();

        final AtomicInteger failed = new AtomicInteger();

        final AtomicLong counted = new AtomicLong();

        volatile long delayMillis;

        @Override
        public int record(String id) {
            this.running.incrementAndGet();
            try {
                executions.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
                pause();
                return this.recorded.incrementAndGet();
            }
            finally {
                this.running.decrementAndGet();
            }
        }

        @Override
        public CompletableFuture<Integer> recordLater(String id) {
            return CompletableFuture.completedFuture(record(id));
        }

        @Override
        public int count() {
            this.running.incrementAndGet();
            try {
                pause();
                return (int) this.counted.incrementAndGet();
            }
            finally {
                this.running.decrementAndGet();
            }
        }

        @Override
        public int idempotentButDown() {
            this.failed.incrementAndGet();
            throw new RpcException(RpcStatus.UNAVAILABLE, "its own downstream service is down");
        }

        @Override
        public int notIdempotentAndDown() {
            return idempotentButDown();
        }

        @Override
        public CompletableFuture<Integer> notIdempotentAndDownLater() {
            return CompletableFuture.failedFuture(
                    new RpcException(RpcStatus.UNAVAILABLE, "its own downstream service is down: " + failedOnce()));
        }

        private int failedOnce() {
            return this.failed.incrementAndGet();
        }

        private void pause() {
            long delay = this.delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay); // a slow server, on purpose
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        LedgerImpl ledger() {
            return new LedgerImpl();
        }

    }

}
