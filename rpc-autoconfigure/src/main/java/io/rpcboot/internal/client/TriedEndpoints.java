package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints a call already tried, so that a retry goes elsewhere. Made only once a
 * call is retried.
 */
final class TriedEndpoints {

    private final List<EndpointAddress> endpoints = new ArrayList<>(2);

    void add(@Nullable EndpointAddress endpoint) {
        if (endpoint != null && !this.endpoints.contains(endpoint)) {
            this.endpoints.add(endpoint);
        }
    }

    boolean contains(EndpointAddress endpoint) {
        return this.endpoints.contains(endpoint);
    }

}
