package io.rpcboot.observability;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a real tracer (Micrometer Tracing's OpenTelemetry bridge, as Spring Boot
 * configures it), a call and the calls it makes share one trace: A calls B, B calls C,
 * and all three see the same trace id in different spans.
 */
class TracePropagationTests {

    static final String[] TRACING = { "management.tracing.sampling.probability=1.0" };

    static final AtomicReference<Span> spanInB = new AtomicReference<>();

    static final AtomicReference<Span> spanInC = new AtomicReference<>();

    static ConfigurableApplicationContext c;

    static ConfigurableApplicationContext b;

    static ConfigurableApplicationContext a;

    @BeforeAll
    static void start() {
        c = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, AppC.class }, TRACING);
        b = new org.springframework.boot.builder.SpringApplicationBuilder(AutoConfiguredApplication.class, AppB.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", TRACING[0],
                    "rpc.client.services.back.urls=rpc://127.0.0.1:" + RpcApplications.port(c))
            .run();
        a = RpcApplications.client(b, "middle", new Class<?>[] { AutoConfiguredApplication.class, AppA.class },
                TRACING);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        c.close();
    }

    @Test
    void oneTraceSpansCallerAndTwoHops() {
        Tracer tracerA = a.getBean(Tracer.class);
        AtomicReference<Span> spanInA = new AtomicReference<>();
        String answer = Observation.createNotStarted("test.request", a.getBean(ObservationRegistry.class))
            .observe(() -> {
                spanInA.set(tracerA.currentSpan());
                return a.getBean(Middle.class).relay("ping");
            });
        assertThat(answer).isEqualTo("C got ping");
        String traceId = spanInA.get().context().traceId();
        assertThat(spanInB.get().context().traceId()).isEqualTo(traceId);
        assertThat(spanInC.get().context().traceId()).isEqualTo(traceId);
        assertThat(spanInB.get().context().spanId()).isNotEqualTo(spanInA.get().context().spanId());
        assertThat(spanInC.get().context().spanId()).isNotEqualTo(spanInB.get().context().spanId());
    }

    @RpcClient(name = "middle")
    public interface Middle {

        String relay(String text);

    }

    @RpcClient(name = "back")
    public interface Back {

        String answer(String text);

    }

    @RpcService
    static class MiddleService implements Middle {

        private final Back back;

        private final Tracer tracer;

        MiddleService(Back back, Tracer tracer) {
            this.back = back;
            this.tracer = tracer;
        }

        @Override
        public String relay(String text) {
            spanInB.set(this.tracer.currentSpan());
            return this.back.answer(text);
        }

    }

    @RpcService
    static class BackService implements Back {

        private final Tracer tracer;

        BackService(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public String answer(String text) {
            spanInC.set(this.tracer.currentSpan());
            return "C got " + text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class AppC {

        @Bean
        BackService backService(Tracer tracer) {
            return new BackService(tracer);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Back.class)
    static class AppB {

        @Bean
        MiddleService middleService(Back back, Tracer tracer) {
            return new MiddleService(back, tracer);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Middle.class)
    static class AppA {

    }

}
