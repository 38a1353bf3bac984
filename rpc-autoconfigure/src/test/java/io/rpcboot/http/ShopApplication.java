package io.rpcboot.http;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application that exports {@link ShopService}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ShopApplication {

    @Bean
    ShopService shopService() {
        return new ShopService();
    }

}
