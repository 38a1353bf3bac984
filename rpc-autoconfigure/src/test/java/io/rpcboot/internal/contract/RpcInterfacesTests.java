package io.rpcboot.internal.contract;

import java.io.Serializable;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interfaces of a module's contract are those its clients call and its services
 * export, as the runtime exports them.
 */
class RpcInterfacesTests {

    @Test
    void clientInterfacesAndInterfacesOfServicesAreFound() {
        assertThat(RpcInterfaces.of(List.of(Plain.class, Catalog.class, Orders.class, OrdersImpl.class, Named.class,
                NamedImpl.class, Catalog.class)))
            .containsExactly(Catalog.class, Named.class, Orders.class);
    }

    @Test
    void jdkInterfacesAndSuperInterfacesAreNotExportedOnTheirOwn() {
        assertThat(RpcInterfaces.of(List.of(OrdersImpl.class))).containsExactly(Orders.class);
    }

    interface Plain {

        void ignored();

    }

    @RpcClient(name = "catalog")
    interface Catalog {

        String name();

    }

    interface OrdersBase {

        void cancel(String id);

    }

    interface Orders extends OrdersBase {

        String place(String sku);

    }

    @RpcService
    @SuppressWarnings("serial")
    static class OrdersImpl implements Orders, Serializable {

        @Override
        public String place(String sku) {
            return sku;
        }

        @Override
        public void cancel(String id) {
        }

    }

    interface Named {

        void named();

    }

    @RpcService(interfaces = Named.class)
    static class NamedImpl implements Named, Plain {

        @Override
        public void named() {
        }

        @Override
        public void ignored() {
        }

    }

}
