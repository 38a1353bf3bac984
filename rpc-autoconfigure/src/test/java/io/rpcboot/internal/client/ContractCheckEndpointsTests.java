package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract check keeps a result only for the endpoints a service has: an endpoint
 * that leaves the service (a pod gone from discovery) takes its result with it.
 */
class ContractCheckEndpointsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void resultOfAnEndpointThatLeftTheServiceIsRemoved() throws Exception {
        try (RawServer first = new RawServer();
                RawServer second = new RawServer();
                RpcClientFactory factory = new RpcClientFactory(new PayloadCodec(new JsonMapper()),
                        new ClientOptions(4096, WAIT))) {
            InetSocketAddress firstAddress = new InetSocketAddress("127.0.0.1", first.port());
            InetSocketAddress secondAddress = new InetSocketAddress("127.0.0.1", second.port());
            AtomicReference<List<InetSocketAddress>> endpoints = new AtomicReference<>(List.of(firstAddress));
            factory.createClient(
                    FutureMethodFailureTests.Jobs.class, new RemoteServiceConfig("jobs",
                            (service) -> CompletableFuture.completedFuture(endpoints.get()), WAIT),
                    new ServicePolicy(LoadBalancing.ROUND_ROBIN, 3, 0.2, 10), ContractCheckMode.WARN);
            RemoteService service = factory.services().iterator().next();
            ContractCheck check = service.contractCheck();
            assertThat(check).isNotNull();
            awaitTrue(() -> service.endpoints().size() == 1);
            assertThat(service.endpoints()).hasSize(1);
            CompletableFuture<ClientConnection> connection = service.connections().connection(null);
            try (RawConnection toFirst = first.acceptAndHandshake(4096)) {
                connection.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                // a server that does not announce DESCRIBE: its result is unknown
                awaitTrue(() -> check.results().size() == 1);
                assertThat(check.results()).containsKey(EndpointAddress.of(firstAddress));
                endpoints.set(List.of(secondAddress));
                service.refreshEndpoints();
                awaitTrue(() -> service.endpoints().get(0).socketAddress().equals(secondAddress));
                assertThat(service.endpoints().get(0).socketAddress()).isEqualTo(secondAddress);
                // the group retires the endpoints that left right after it publishes the
                // new ones
                awaitTrue(() -> check.results().isEmpty());
                assertThat(check.results()).as("results of the endpoints that left").isEmpty();
            }
        }
    }

    /** Waits up to 5 seconds for a condition. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return; // the assertion after it says what is missing
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

}
