package io.rpcboot.support;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link LeakDetection} over a test class, as a JUnit extension: turned on before the
 * class's {@code @BeforeAll} methods and checked, then turned off, after its
 * {@code @AfterAll} methods. Register it after the extension that starts the class's
 * applications (Spring Boot's start-up resets the logging system that collects the
 * reports), so that it also runs before they stop:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static final RpcPair pair = ...;
 *
 * &#64;RegisterExtension
 * &#64;Order(2)
 * static final LeakCheck leaks = new LeakCheck();
 * </pre>
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    private @Nullable LeakDetection detection;

    private @Nullable String startedBy;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (this.startedBy != null) {
            return; // a nested class: the enclosing class's detection covers it
        }
        this.startedBy = context.getUniqueId();
        this.detection = new LeakDetection();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LeakDetection running = this.detection;
        if (running == null || !context.getUniqueId().equals(this.startedBy)) {
            return;
        }
        this.detection = null;
        this.startedBy = null;
        try {
            running.assertNoLeaks();
        }
        finally {
            running.close();
        }
    }

}
