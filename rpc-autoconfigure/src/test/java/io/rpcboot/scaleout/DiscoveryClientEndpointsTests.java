package io.rpcboot.scaleout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.scaleout.WhereService.Where;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static io.rpcboot.scaleout.DnsEndpointsTests.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A service without {@code urls} gets its endpoints from Spring Cloud's
 * {@code DiscoveryClient} (here its {@code SimpleDiscoveryClient}, whose instances the
 * test changes at run time): the RPC port from the instance metadata {@code rpc.port},
 * else the instance's port; looked up again on Spring Cloud's {@link HeartbeatEvent}; no
 * instance is normal, and calls fail {@code UNAVAILABLE} at once until one appears.
 */
class DiscoveryClientEndpointsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext second;

    private static ConfigurableApplicationContext third;

    @BeforeAll
    static void startServers() {
        second = WhereService.server("127.0.0.2", 0);
        third = WhereService.server("127.0.0.3", 0);
    }

    @AfterAll
    static void stopServers() {
        second.close();
        third.close();
    }

    @Test
    void instancesAddedAndRemovedAtRunTimeAreFollowedOnHeartbeats() {
        try (ConfigurableApplicationContext client = client()) {
            Where where = client.getBean(Where.class);
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                    .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus)
                    .withMessageContaining("service 'where' has no endpoint")
                    .withMessageContaining("DiscoveryClient");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not at the deadline")
                    .isLessThan(TIMEOUT.dividedBy(6));
            }

            List<InstanceProperties> instances = instances(client);
            // the registry's port is not the RPC port: the rpc.port metadata is
            instances.add(instance("127.0.0.2", 1, Map.of("rpc.port", String.valueOf(RpcApplications.port(second)))));
            client.publishEvent(new HeartbeatEvent(this, 1));
            awaitTrue(() -> answers(where, 1).equals(Set.of("127.0.0.2")), "the first instance is called");

            instances.add(instance("127.0.0.3", RpcApplications.port(third), Map.of()));
            client.publishEvent(new HeartbeatEvent(this, 2));
            awaitTrue(() -> answers(where, 10).equals(Set.of("127.0.0.2", "127.0.0.3")), "both instances are called");

            instances.remove(0);
            client.publishEvent(new HeartbeatEvent(this, 3));
            awaitTrue(() -> answers(where, 10).equals(Set.of("127.0.0.3")), "the removed instance is no longer called");
        }
    }

    private static ConfigurableApplicationContext client() {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, WhereService.ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off",
                    // no periodic lookup during the test: only heartbeats trigger one
                    "rpc.client.resolve-interval=1h", "rpc.client.timeout=" + TIMEOUT.toSeconds() + "s",
                    // the simple client lists other services; none of 'where' yet
                    "spring.cloud.discovery.client.simple.instances.unrelated[0].uri=http://127.0.0.1:1")
            .run();
    }

    private static List<InstanceProperties> instances(ConfigurableApplicationContext client) {
        SimpleDiscoveryProperties properties = client.getBean(SimpleDiscoveryProperties.class);
        List<InstanceProperties> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        properties.getInstances().put("where", instances);
        return instances;
    }

    private static InstanceProperties instance(String host, int port, Map<String, String> metadata) {
        InstanceProperties instance = new InstanceProperties();
        instance.setServiceId("where");
        instance.setHost(host);
        instance.setPort(port);
        instance.setMetadata(new java.util.HashMap<>(metadata));
        return instance;
    }

    private static Set<String> answers(Where where, int calls) {
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            try {
                answers.add(where.where());
            }
            catch (RpcException ex) {
                answers.add(ex.getStatus().name());
            }
        }
        return answers;
    }

}
