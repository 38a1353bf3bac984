package io.rpcboot.internal.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Each endpoint in turn, skipping those unavailable or already tried by the call.
 */
final class RoundRobinBalancer implements Balancer {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public @Nullable Endpoint pick(List<Endpoint> endpoints, @Nullable TriedEndpoints tried) {
        int count = endpoints.size();
        int start = Math.floorMod(this.next.getAndIncrement(), count);
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get((start + i) % count);
            if (Balancer.isEligible(endpoint, tried)) {
                return endpoint;
            }
        }
        return null;
    }

}
