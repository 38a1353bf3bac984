package io.rpcboot.testing;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.app.AutoConfiguredApplication;

/**
 * An application with two clients of the {@code inventory} service.
 */
@Configuration(proxyBeanMethods = false)
@EnableRpcClients(clients = { StockClient.class, ReservationClient.class })
@Import(AutoConfiguredApplication.class)
class InventoryClients {

}
