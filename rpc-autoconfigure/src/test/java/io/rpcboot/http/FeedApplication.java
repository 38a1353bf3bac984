package io.rpcboot.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration of an application that exports {@link FeedService}, with
 * {@code AutoConfiguredApplication} (whose package holds no client interfaces).
 */
@Configuration(proxyBeanMethods = false)
public class FeedApplication {

    @Bean
    FeedService feedService() {
        return new FeedService();
    }

}
