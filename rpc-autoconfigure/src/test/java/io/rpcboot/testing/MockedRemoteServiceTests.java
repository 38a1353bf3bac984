package io.rpcboot.testing;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.rpcboot.internal.client.RpcClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;

/**
 * {@code @MockitoBean} on {@code @RpcClient} interfaces in an application's
 * {@code @SpringBootTest}: a service whose clients are all mocked needs no configuration
 * and is never connected to.
 */
class MockedRemoteServiceTests {

    @Nested
    @SpringBootTest(classes = InventoryClients.class, properties = "rpc.server.enabled=false")
    class EveryClientOfTheServiceMocked {

        @MockitoBean
        StockClient stock;

        @MockitoBean
        ReservationClient reservations;

        @Autowired
        ApplicationContext context;

        @Autowired
        RpcClientFactory clients;

        @Test
        void startsWithoutUrlsAndInjectsTheMocks() {
            given(this.stock.inStock("sku-1")).willReturn(3);
            assertThat(this.context.getBean(StockClient.class).inStock("sku-1")).isEqualTo(3);
            assertThat(Mockito.mockingDetails(this.context.getBean(ReservationClient.class)).isMock()).isTrue();
        }

        @Test
        void opensNothingForTheService() {
            assertThat(this.clients.services()).extracting((service) -> service.config().name())
                .doesNotContain("inventory");
        }

    }

    @Nested
    @SpringBootTest(classes = InventoryClients.class,
            properties = { "rpc.server.enabled=false", "rpc.client.services.inventory.urls=rpc://127.0.0.1:1" })
    class OneClientOfTheServiceMocked {

        @MockitoBean
        StockClient stock;

        @Autowired
        ReservationClient reservations;

        @Autowired
        RpcClientFactory clients;

        @Test
        void theOtherClientIsARealProxy() {
            assertThat(Proxy.isProxyClass(this.reservations.getClass())).isTrue();
            assertThat(this.clients.services()).extracting((service) -> service.config().name())
                .containsExactly("inventory");
        }

    }

    @Test
    void oneUnmockedClientStillNeedsTheServiceUrls() {
        TestContextManager tests = new TestContextManager(OneClientMockedWithoutUrls.class);
        assertThatIllegalStateException().isThrownBy(() -> tests.getTestContext().getApplicationContext())
            .havingRootCause()
            .withMessageContaining(ReservationClient.class.getName())
            .withMessageContaining("rpc.client.services.inventory.urls");
    }

    @SpringBootTest(classes = InventoryClients.class, properties = "rpc.server.enabled=false")
    static class OneClientMockedWithoutUrls {

        @MockitoBean
        StockClient stock;

    }

}
