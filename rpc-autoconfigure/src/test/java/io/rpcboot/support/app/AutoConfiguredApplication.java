package io.rpcboot.support.app;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Turns on Spring Boot's auto-configuration for a test application from a package that
 * holds no {@code @RpcClient} interface. An application started with it registers only
 * the clients it names with {@code @EnableRpcClients(clients = ...)}, as when the
 * interfaces come from a shared API jar, so that the interfaces of one test do not become
 * clients of another test's applications.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AutoConfiguredApplication {

}
