package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a service with several endpoints picks the connection of a call.
 */
class RemoteServiceTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * The connected path allocates no future, list or callback of its own per call: it
     * hands out the connection's own ready future, so over many calls only as many
     * futures are seen as there are connections.
     */
    @Test
    void connectedEndpointsHandOutTheirConnectionsOwnFuture() throws Exception {
        try (RawServer first = new RawServer();
                RawServer second = new RawServer();
                RpcClientFactory factory = new RpcClientFactory(new PayloadCodec(new JsonMapper()),
                        new ClientOptions(4096, WAIT))) {
            factory.createClient(FutureMethodFailureTests.Jobs.class,
                    new RemoteServiceConfig("jobs",
                            List.of(EndpointAddress.parse(first.url()), EndpointAddress.parse(second.url())), WAIT),
                    new ServicePolicy(LoadBalancing.ROUND_ROBIN, 3, 0.2, 10));
            RemoteService service = factory.services().iterator().next();
            CompletableFuture<ClientConnection> one = service.connections().connection(null);
            CompletableFuture<ClientConnection> other = service.connections().connection(null);
            try (RawConnection toFirst = first.acceptAndHandshake(4096);
                    RawConnection toSecond = second.acceptAndHandshake(4096)) {
                one.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                other.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                awaitConnected(service);
                Set<CompletableFuture<ClientConnection>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                for (int i = 0; i < 100; i++) {
                    CompletableFuture<ClientConnection> connection = service.connections().connection(null);
                    assertThat(connection).isCompletedWithValueMatching(ClientConnection::isUsable);
                    seen.add(connection);
                }
                assertThat(seen).as("distinct futures handed out").hasSize(2);
            }
        }
    }

    private static void awaitConnected(RemoteService service) {
        await().atMost(WAIT).until(() -> service.endpointStates().stream().allMatch(EndpointState::connected));
    }

}
