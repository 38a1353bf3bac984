package io.rpcboot.autoconfigure;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticApplicationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerOptions;

import static org.assertj.core.api.Assertions.assertThat;

class RpcAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class))
        .withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1");

    @Test
    void defaultsBindToTheDocumentedValues() {
        this.runner.run((context) -> {
            RpcProperties properties = context.getBean(RpcProperties.class);
            assertThat(properties.getServer().getPort()).isZero();
            assertThat(new RpcProperties().getServer().getPort()).isEqualTo(9090);
            assertThat(properties.getServer().isEnabled()).isTrue();
            assertThat(properties.getServer().getMaxMessageSize().toMegabytes()).isEqualTo(4);
            assertThat(properties.getClient().getMaxMessageSize().toMegabytes()).isEqualTo(4);
            assertThat(properties.getClient().getTimeout()).hasSeconds(10);
            assertThat(properties.getClient().getPayloadFormat()).isEqualTo(RpcProperties.Client.PayloadFormat.SMILE);
        });
    }

    @Test
    void payloadFormatBindsFromItsLowerCaseName() {
        this.runner.withPropertyValues("rpc.client.payload-format=json")
            .run((context) -> assertThat(context.getBean(RpcProperties.class).getClient().getPayloadFormat())
                .isEqualTo(RpcProperties.Client.PayloadFormat.JSON));
    }

    @Test
    void payloadCodecSpeaksJsonAndSmileWithACopyOfTheApplicationsMapper() {
        this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
            PayloadCodec codec = context.getBean(PayloadCodec.class);
            assertThat(codec.mapper().writeValueAsString(new Line("sku-1", 2)))
                .isEqualTo(context.getBean(JsonMapper.class).writeValueAsString(new Line("sku-1", 2)))
                .isEqualTo("{\"sku\":\"sku-1\",\"unit_count\":2}");
            assertThat(codec.supports(PayloadFormat.JSON)).isTrue();
            assertThat(codec.supports(PayloadFormat.SMILE)).isTrue();
        });
    }

    record Line(String sku, int unitCount) {
    }

    @Test
    void rpcCustomizerLeavesTheApplicationsMapperAlone() {
        this.runner
            .withBean(RpcJsonMapperBuilderCustomizer.class,
                    () -> (builder) -> builder.enable(SerializationFeature.INDENT_OUTPUT))
            .run((context) -> {
                JsonMapper applicationMapper = context.getBean(JsonMapper.class);
                ObjectMapper rpcMapper = context.getBean(PayloadCodec.class).mapper();
                assertThat(rpcMapper).isNotSameAs(applicationMapper);
                assertThat(rpcMapper.isEnabled(SerializationFeature.INDENT_OUTPUT)).isTrue();
                assertThat(applicationMapper.isEnabled(SerializationFeature.INDENT_OUTPUT)).isFalse();
            });
    }

    @Test
    void payloadCodecAndClientFactoryAreProvided() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(PayloadCodec.class);
            assertThat(context).hasSingleBean(RpcClientFactory.class);
        });
    }

    @Test
    void userPayloadCodecReplacesTheDefault() {
        PayloadCodec mine = new PayloadCodec(new JsonMapper());
        this.runner.withBean(PayloadCodec.class, () -> mine)
            .run((context) -> assertThat(context.getBean(PayloadCodec.class)).isSameAs(mine));
    }

    @Test
    void serverDoesNotStartWithoutRpcServices() {
        this.runner.run((context) -> {
            RpcServerLifecycle lifecycle = context.getBean(RpcServerLifecycle.class);
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(context.getEnvironment().containsProperty("local.rpc.server.port")).isFalse();
        });
    }

    @Test
    void serverStartsWithRpcServicesAndPublishesItsPort() {
        this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
            RpcServerLifecycle lifecycle = context.getBean(RpcServerLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            int port = context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
            assertThat(port).isPositive().isEqualTo(lifecycle.getServer().localAddress().getPort());
        });
    }

    @Test
    void serverPortIsPublishedInParentContextsToo() {
        try (StaticApplicationContext parent = new StaticApplicationContext()) {
            parent.refresh();
            this.runner.withParent(parent).withUserConfiguration(EchoConfiguration.class).run((context) -> {
                int port = context.getBean(RpcServerLifecycle.class).getServer().localAddress().getPort();
                assertThat(parent.getEnvironment().getProperty("local.rpc.server.port", Integer.class)).isEqualTo(port);
            });
        }
    }

    @Test
    void serverFactoryCreatesAServerConfiguredFromPropertiesButNotStarted() {
        this.runner
            .withPropertyValues("rpc.server.max-message-size=1KB", "rpc.server.max-threads=3",
                    "rpc.server.max-connections=7", "rpc.server.idle-timeout=0s", "rpc.server.max-connection-age=1h",
                    "rpc.server.error.include-message=always")
            .run((context) -> {
                RpcServerFactory factory = context.getBean(RpcServerFactory.class);
                ServerOptions options = factory.options();
                assertThat(options.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
                assertThat(options.port()).isZero();
                assertThat(options.maxMessageSize()).isEqualTo(1024);
                assertThat(options.maxThreads()).isEqualTo(3);
                assertThat(options.maxQueuedCalls()).isEqualTo(10_000);
                assertThat(options.includeErrorMessage()).isTrue();
                assertThat(options.connectionLimits().maxConnections()).isEqualTo(7);
                assertThat(options.connectionLimits().idleTimeout()).isZero();
                assertThat(options.connectionLimits().maxConnectionAge()).hasHours(1);
                assertThat(options.maxConcurrentCallsPerConnection()).isEqualTo(1000);
                RpcServer server = factory.create(List.of(new ExportedService(Echo.class, new EchoService())));
                assertThat(server.isRunning()).isFalse();
                assertThat(server.services()).containsOnlyKeys(Echo.class.getName());
            });
    }

    @Test
    void serverTurnsReadinessToRefusingTrafficBeforeItStopsAccepting() {
        List<Boolean> acceptingWhenRefusing = new CopyOnWriteArrayList<>();
        this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
            RpcServer server = context.getBean(RpcServerLifecycle.class).getServer();
            context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
                if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                    acceptingWhenRefusing.add(server.isRunning());
                }
            });
            context.close();
            assertThat(acceptingWhenRefusing).containsExactly(true);
            assertThat(server.isRunning()).isFalse();
        });
    }

    @Test
    void serverCanBeDisabled() {
        this.runner.withUserConfiguration(EchoConfiguration.class)
            .withPropertyValues("rpc.server.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(RpcServerLifecycle.class);
                assertThat(context.getEnvironment().containsProperty("local.rpc.server.port")).isFalse();
            });
    }

    @Test
    void userServiceDiscovererReplacesTheDefault() {
        this.runner.withUserConfiguration(EchoConfiguration.class)
            .withBean(RpcServiceDiscoverer.class, () -> java.util.List::of)
            .run((context) -> assertThat(context.getBean(RpcServerLifecycle.class).isRunning()).isFalse());
    }

    @Test
    void portInUseFailsStartUpNamingTheProperty() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            this.runner.withUserConfiguration(EchoConfiguration.class)
                .withPropertyValues("rpc.server.port=" + taken.getLocalPort())
                .run((context) -> assertThat(context).hasFailed()
                    .getFailure()
                    .hasStackTraceContaining("rpc.server.port")
                    .hasStackTraceContaining(String.valueOf(taken.getLocalPort()))
                    .rootCause()
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("Address already in use"));
        }
    }

    @Test
    void connectionLimitsDefaultToTheDocumentedValues() {
        RpcProperties.Server server = new RpcProperties().getServer();
        assertThat(server.getMaxConnections()).isEqualTo(8192);
        assertThat(server.getHandshakeTimeout()).hasSeconds(10);
        assertThat(server.getMessageReadTimeout()).hasSeconds(30);
        assertThat(server.getIdleTimeout()).hasMinutes(5);
        assertThat(server.getMaxConnectionAge()).isNull();
        assertThat(server.getMaxConnectionAgeGrace()).hasSeconds(30);
    }

    @Test
    void invalidConnectionLimitsFailStartUpNamingTheProperty() {
        for (String property : new String[] { "rpc.server.max-connections=0", "rpc.server.handshake-timeout=-1s",
                "rpc.server.message-read-timeout=-1ms", "rpc.server.idle-timeout=-5m",
                "rpc.server.max-connection-age=-1s", "rpc.server.max-connection-age-grace=-1s" }) {
            String name = property.substring(0, property.indexOf('='));
            this.runner.withUserConfiguration(EchoConfiguration.class)
                .withPropertyValues(property)
                .run((context) -> assertThat(context.getStartupFailure()).as(property)
                    .hasStackTraceContaining(name + " must"));
        }
    }

    @Test
    void invalidServerLimitsFailStartUpNamingTheProperty() {
        for (String property : new String[] { "rpc.server.max-threads=0", "rpc.server.max-queued-calls=0",
                "rpc.server.max-message-size=0B", "rpc.server.max-message-size=2GB" }) {
            String name = property.substring(0, property.indexOf('='));
            this.runner.withUserConfiguration(EchoConfiguration.class)
                .withPropertyValues(property)
                .run((context) -> assertThat(context.getStartupFailure()).as(property)
                    .hasStackTraceContaining(name + " must"));
        }
    }

    @Test
    void portOutOfRangeFailsStartUpNamingTheProperty() {
        for (String port : new String[] { "-2", "65536" }) {
            this.runner.withUserConfiguration(EchoConfiguration.class)
                .withPropertyValues("rpc.server.port=" + port)
                .run((context) -> assertThat(context.getStartupFailure()).as(port)
                    .hasStackTraceContaining("rpc.server.port must be between -1 (no TCP port) and 65535"
                            + " (0 picks a free port), not " + port));
        }
    }

    public interface Echo {

        String echo(String text);

    }

    @RpcService
    static class EchoService implements Echo {

        @Override
        public String echo(String text) {
            return text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfiguration {

        @Bean
        EchoService echoService() {
            return new EchoService();
        }

    }

}
