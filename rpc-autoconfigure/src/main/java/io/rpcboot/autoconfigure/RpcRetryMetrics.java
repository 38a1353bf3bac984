package io.rpcboot.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

import io.rpcboot.RpcCall;
import io.rpcboot.internal.client.RetryListener;
import io.rpcboot.internal.client.RetryOutcome;

/**
 * Counts what became of the failed attempts that could have been retried, as the counter
 * {@code rpc.client.retries} tagged with {@code rpc.service} (the interface's fully
 * qualified name) and {@code outcome} ({@code retried}, {@code budget_exhausted},
 * {@code attempts_exhausted}, {@code no_endpoint}, {@code deadline}).
 */
final class RpcRetryMetrics implements RetryListener {

    static final String METRIC_NAME = "rpc.client.retries";

    private final ObjectProvider<MeterRegistry> registry;

    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

    RpcRetryMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    // an index into this JVM's array, never stored or sent
    @SuppressWarnings("EnumOrdinal")
    public void attemptFailed(RetryEvent event, @Nullable RpcCall call) {
        MeterRegistry meters = this.registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        Counter[] byOutcome = this.counters.computeIfAbsent(event.interfaceName(),
                (service) -> new Counter[RetryOutcome.values().length]);
        int index = event.outcome().ordinal();
        Counter counter = byOutcome[index];
        if (counter == null) {
            counter = Counter.builder(METRIC_NAME)
                .description("Failed attempts of client calls that could be retried, by what became of them")
                .tag("rpc.system", "rpcboot")
                .tag("rpc.service", event.interfaceName())
                .tag("outcome", event.outcome().tag())
                .register(meters);
            byOutcome[index] = counter;
        }
        counter.increment();
    }

}
