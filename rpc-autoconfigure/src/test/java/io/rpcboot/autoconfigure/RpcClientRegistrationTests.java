package io.rpcboot.autoconfigure;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClientScan;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.elsewhere.OtherClient;
import io.rpcboot.autoconfigure.scanned.ScannedClient;

import static org.assertj.core.api.Assertions.assertThat;

class RpcClientRegistrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class))
        .withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1");

    @Test
    void clientsInAutoConfigurationPackagesBecomeProxies() {
        this.runner.withUserConfiguration(ScannedPackageApp.class)
            .withPropertyValues("rpc.client.services.scanned.urls=rpc://127.0.0.1:1")
            .run((context) -> {
                assertThat(context).hasSingleBean(ScannedClient.class);
                assertThat(Proxy.isProxyClass(context.getBean(ScannedClient.class).getClass())).isTrue();
                assertThat(context).doesNotHaveBean(OtherClient.class);
            });
    }

    @Test
    void enableRpcClientsAddsPackagesAndClasses() {
        this.runner.withUserConfiguration(EnabledByPackageClassApp.class)
            .withPropertyValues("rpc.client.services.scanned.urls=rpc://127.0.0.1:1",
                    "rpc.client.services.other.urls=rpc://127.0.0.1:2")
            .run((context) -> {
                assertThat(context).hasSingleBean(ScannedClient.class);
                assertThat(context).hasSingleBean(OtherClient.class);
            });
        this.runner.withUserConfiguration(EnabledByClientApp.class)
            .withPropertyValues("rpc.client.services.other.urls=rpc://127.0.0.1:2")
            .run((context) -> {
                assertThat(context).hasSingleBean(OtherClient.class);
                assertThat(context).doesNotHaveBean(ScannedClient.class);
            });
        this.runner.withUserConfiguration(EnabledByPackageNameApp.class)
            .withPropertyValues("rpc.client.services.other.urls=rpc://127.0.0.1:2")
            .run((context) -> assertThat(context).hasSingleBean(OtherClient.class));
    }

    @Test
    void repeatedEnableRpcClientsAreMerged() {
        this.runner.withUserConfiguration(EnabledByClientApp.class, EnabledByScannedPackageApp.class)
            .withPropertyValues("rpc.client.services.scanned.urls=rpc://127.0.0.1:1",
                    "rpc.client.services.other.urls=rpc://127.0.0.1:2")
            .run((context) -> {
                assertThat(context).hasSingleBean(OtherClient.class);
                assertThat(context).hasSingleBean(ScannedClient.class);
                assertThat(context).hasSingleBean(RpcClientScan.class);
                assertThat(context.getBean(RpcClientScan.class).clients()).containsExactly(OtherClient.class.getName());
                assertThat(context.getBean(RpcClientScan.class).packages())
                    .containsExactly(ScannedClient.class.getPackageName());
            });
    }

    @Test
    void proxiesAutowireByConstructorAndObjectProvider() {
        this.runner.withUserConfiguration(EnabledByClientApp.class, Consumers.class)
            .withPropertyValues("rpc.client.services.other.urls=rpc://127.0.0.1:2")
            .run((context) -> {
                assertThat(context.getBean(ConstructorConsumer.class).client)
                    .isSameAs(context.getBean(OtherClient.class));
                assertThat(context.getBean(ProviderConsumer.class).client.getObject())
                    .isSameAs(context.getBean(OtherClient.class));
            });
    }

    @Test
    void missingUrlsFailStartUpNamingTheInterfaceAndProperty() {
        this.runner.withUserConfiguration(EnabledByClientApp.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(OtherClient.class.getName())
                .hasStackTraceContaining("rpc.client.services.other.urls");
        });
    }

    @Test
    void malformedUrlFailsStartUpNamingTheProperty() {
        this.runner.withUserConfiguration(EnabledByClientApp.class)
            .withPropertyValues("rpc.client.services.other.urls=http://127.0.0.1:2")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasStackTraceContaining("rpc.client.services.other.urls")
                    .hasStackTraceContaining("rpc://host:port");
            });
    }

    @Test
    void localRpcServiceIsInjectedInsteadOfAProxyAndNeedsNoUrls() {
        this.runner.withUserConfiguration(EnabledByClientApp.class, LocalOtherConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(OtherClient.class)).isInstanceOf(LocalOther.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = ScannedClient.class)
    static class ScannedPackageApp {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(basePackageClasses = { ScannedClient.class, OtherClient.class })
    static class EnabledByPackageClassApp {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = OtherClient.class)
    static class EnabledByClientApp {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(basePackageClasses = ScannedClient.class)
    static class EnabledByScannedPackageApp {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(basePackages = "io.rpcboot.autoconfigure.elsewhere")
    static class EnabledByPackageNameApp {

    }

    @Configuration(proxyBeanMethods = false)
    static class Consumers {

        @Bean
        ConstructorConsumer constructorConsumer(OtherClient client) {
            return new ConstructorConsumer(client);
        }

        @Bean
        ProviderConsumer providerConsumer(ObjectProvider<OtherClient> client) {
            return new ProviderConsumer(client);
        }

    }

    record ConstructorConsumer(OtherClient client) {
    }

    record ProviderConsumer(ObjectProvider<OtherClient> client) {
    }

    @RpcService
    static class LocalOther implements OtherClient {

        @Override
        public String name() {
            return "local";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LocalOtherConfiguration {

        @Bean
        LocalOther localOther() {
            return new LocalOther();
        }

    }

}
