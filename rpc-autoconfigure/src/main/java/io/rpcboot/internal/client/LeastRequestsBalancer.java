package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Power of two choices: draws two endpoints at random and takes the one with fewer calls
 * in flight. It sends less to a slow endpoint, whose calls pile up, without the herd that
 * always choosing the least loaded endpoint causes when many clients see the same counts.
 */
final class LeastRequestsBalancer implements Balancer {

    @Override
    public @Nullable Endpoint pick(List<Endpoint> endpoints, @Nullable TriedEndpoints tried) {
        if (tried == null) {
            Endpoint chosen = lessLoadedOfTwo(endpoints);
            if (chosen.isAvailable()) {
                return chosen;
            }
        }
        return pickAmongEligible(endpoints, tried);
    }

    /** Draws two distinct endpoints of at least two and returns the less loaded. */
    private static Endpoint lessLoadedOfTwo(List<Endpoint> endpoints) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(endpoints.size());
        int second = random.nextInt(endpoints.size() - 1);
        if (second >= first) {
            second++;
        }
        Endpoint a = endpoints.get(first);
        Endpoint b = endpoints.get(second);
        if (a.isAvailable() != b.isAvailable()) {
            return a.isAvailable() ? a : b;
        }
        return (b.outstandingCalls() < a.outstandingCalls()) ? b : a;
    }

    /**
     * The slow path, when some endpoints are unavailable or tried: draws among the rest.
     */
    private static @Nullable Endpoint pickAmongEligible(List<Endpoint> endpoints, @Nullable TriedEndpoints tried) {
        List<Endpoint> eligible = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            if (Balancer.isEligible(endpoint, tried)) {
                eligible.add(endpoint);
            }
        }
        if (eligible.size() <= 1) {
            return eligible.isEmpty() ? null : eligible.get(0);
        }
        return lessLoadedOfTwo(eligible);
    }

}
