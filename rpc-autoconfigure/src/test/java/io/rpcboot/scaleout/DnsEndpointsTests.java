package io.rpcboot.scaleout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.client.ClientOptions;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.EndpointBackoff;
import io.rpcboot.internal.client.EndpointOptions;
import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.scaleout.WhereService.Where;
import io.rpcboot.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A host name in a service's URL stands for every address it resolves to, and is resolved
 * again while the client runs (through a DNS server, not the JVM's cache): three servers
 * on one port of 127.0.0.1, 127.0.0.2 and 127.0.0.3 behind one name, as replicas behind a
 * Kubernetes headless service, whose answer changes.
 */
class DnsEndpointsTests {

    private static final String NAME = "where.rpcboot.test";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final int PORT = WhereService.unusedPort();

    private static final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        for (String address : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
            servers.add(WhereService.server(address, PORT));
        }
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void nameResolvingToSeveralAddressesSpreadsCallsOverThemAndFollowsAddedAndRemovedAddresses() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(600); RpcClientFactory factory = factory(dns)) {
            dns.set(NAME, "127.0.0.1", "127.0.0.2");
            Where where = client(factory, "rpc://" + NAME + ":" + PORT);
            assertThat(answers(where, 20)).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");

            dns.set(NAME, "127.0.0.1", "127.0.0.2", "127.0.0.3");
            awaitTrue(() -> answers(where, 6).contains("127.0.0.3"), "calls reach the added address");

            WhereService.release = new CountDownLatch(1);
            WhereService.HOLDING.clear();
            List<CompletableFuture<String>> held = new ArrayList<>();
            try {
                while (WhereService.HOLDING.getOrDefault("127.0.0.1", 0) == 0 && held.size() < 30) {
                    held.add(CompletableFuture.supplyAsync(where::hold));
                    awaitTrue(() -> WhereService.HOLDING.values().stream().mapToInt(Integer::intValue).sum() == held
                        .size(), "the held call runs");
                }
                assertThat(WhereService.HOLDING.get("127.0.0.1")).as("calls in flight on 127.0.0.1").isPositive();

                dns.set(NAME, "127.0.0.2", "127.0.0.3");
                awaitTrue(() -> urls(factory).equals(Set.of("rpc://127.0.0.2:" + PORT, "rpc://127.0.0.3:" + PORT)),
                        "the removed address leaves the endpoints");
                // while calls are held, the balancer sends each call to the endpoint
                // holding fewer: which one depends on where the held calls went
                assertThat(answers(where, 20)).isNotEmpty().isSubsetOf("127.0.0.2", "127.0.0.3");
            }
            finally {
                WhereService.release.countDown();
            }
            for (CompletableFuture<String> call : held) {
                assertThat(call.get()).as("a call in flight when its endpoint was removed").isNotNull();
            }
            assertThat(held).anySatisfy((call) -> assertThat(call.get()).isEqualTo("127.0.0.1"));
            assertThat(answers(where, 20)).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        }
    }

    @Test
    void namesOfTheHostsFileResolveWithoutTheDnsServer() {
        try (TestDnsServer dns = new TestDnsServer(600); RpcClientFactory factory = factory(dns)) {
            Where where = client(factory, "rpc://localhost:" + PORT);
            assertThat(where.where()).isEqualTo("127.0.0.1");
            assertThat(factory.services().iterator().next().endpointStates()).extracting(EndpointState::name)
                .containsExactly("localhost");
        }
    }

    @Test
    void nameThatDoesNotResolveFailsCallsWithUnavailableAtOnceNamingIt() {
        try (TestDnsServer dns = new TestDnsServer(600); RpcClientFactory factory = factory(dns)) {
            Where where = client(factory, "rpc://nowhere.rpcboot.test:" + PORT);
            long start = System.nanoTime();
            assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus)
                .withMessageContaining("rpc://nowhere.rpcboot.test:" + PORT + " did not resolve");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT.dividedBy(2));

            dns.set("nowhere.rpcboot.test", "127.0.0.3");
            awaitTrue(() -> {
                try {
                    return "127.0.0.3".equals(where.where());
                }
                catch (RpcException ex) {
                    return false;
                }
            }, "calls work once the name resolves");
        }
    }

    private static RpcClientFactory factory(TestDnsServer dns) {
        return new RpcClientFactory(new PayloadCodec(new JsonMapper()), new ClientOptions(1 << 20, WAIT), List.of(),
                new EndpointOptions(Duration.ofMillis(200), EndpointBackoff.DEFAULT, dns.address()));
    }

    private static Where client(RpcClientFactory factory, String url) {
        return factory.createClient(Where.class,
                new RemoteServiceConfig("where", List.of(EndpointAddress.parse(url)), WAIT));
    }

    private static Set<String> answers(Where where, int calls) {
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            answers.add(where.where());
        }
        return answers;
    }

    private static Set<String> urls(RpcClientFactory factory) {
        Set<String> urls = new HashSet<>();
        factory.services().iterator().next().endpointStates().forEach((state) -> urls.add(state.address().toString()));
        return urls;
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(20); // polling interval of the condition, not a wait for it
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

}
