package io.rpcboot.support;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Netty's leak detection at its paranoid level, with the leaks it reports collected.
 * Every buffer is tracked while it is open; {@link #assertNoLeaks()} proves that
 * detection ran by leaking a buffer of its own and waiting until that leak is reported,
 * then checks that nothing else leaked. Create it after the applications of a test have
 * started: Spring Boot's start-up resets the logging system, and with it the appender
 * that collects the reports.
 */
public final class LeakDetection implements AutoCloseable {

    private static final String DETECTOR_LOGGER = "io.netty.util.ResourceLeakDetector";

    private final ResourceLeakDetector.Level previousLevel;

    private final Logger logger;

    private final Queue<String> reports = new ConcurrentLinkedQueue<>();

    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            LeakDetection.this.reports.add(event.getFormattedMessage());
        }
    };

    /**
     * Turns on paranoid leak detection until closed.
     */
    public LeakDetection() {
        this.previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        this.logger = (Logger) LoggerFactory.getLogger(DETECTOR_LOGGER);
        this.appender.setContext(this.logger.getLoggerContext());
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /**
     * Asserts that no buffer tracked since detection was turned on leaked.
     */
    public void assertNoLeaks() {
        String sentinel = "leak-detection-sentinel-" + UUID.randomUUID();
        leak(sentinel);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            PooledByteBufAllocator.DEFAULT.buffer(8).release(); // reports what the
                                                                // collector found
            return this.reports.stream().anyMatch((report) -> report.contains(sentinel));
        });
        List<String> others = this.reports.stream().filter((report) -> !report.contains(sentinel)).toList();
        assertThat(others).as("leaks reported by Netty").isEmpty();
    }

    private static void leak(String hint) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(8);
        buffer.touch(hint);
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
        ResourceLeakDetector.setLevel(this.previousLevel);
    }

}
