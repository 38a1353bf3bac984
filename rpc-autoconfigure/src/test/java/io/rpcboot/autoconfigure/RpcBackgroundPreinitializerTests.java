package io.rpcboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The start-up's background initialization of Netty: Spring Boot finds it, and the
 * auto-configuration's wait for it ends once it has run.
 */
class RpcBackgroundPreinitializerTests {

    @Test
    void springBootRunsItOnItsBackgroundThread() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
            .hasAtLeastOneElementOfType(RpcBackgroundPreinitializer.class);
    }

    @Test
    void theWaitEndsOnceNettyIsInitialized() {
        assertThatNoException().isThrownBy(() -> new RpcBackgroundPreinitializer().preinitialize());
        long start = System.nanoTime();
        RpcBackgroundPreinitializer.awaitNetty();
        assertThat(System.nanoTime() - start).as("wait, ns").isLessThan(5_000_000_000L);
    }

}
