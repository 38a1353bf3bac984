package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.rpcboot.RpcEndpointSource;

/**
 * The endpoints of {@code in-process:NAME} URLs: servers in the same JVM, which never
 * move. Each is given to the service's endpoint group as an unresolved address whose host
 * is the name: the group only tells endpoints apart by it, and {@link Endpoint#inProcess}
 * connects to the name over an in-process channel.
 */
final class InProcessEndpointSource implements RpcEndpointSource {

    private final List<EndpointAddress> urls;

    private final List<InetSocketAddress> keys;

    /**
     * Creates a source.
     * @param urls the in-process URLs
     */
    InProcessEndpointSource(List<EndpointAddress> urls) {
        this.urls = List.copyOf(urls);
        this.keys = urls.stream().map((url) -> InetSocketAddress.createUnresolved(url.host(), 0)).toList();
    }

    @Override
    public CompletionStage<List<InetSocketAddress>> endpoints(String service) {
        return CompletableFuture.completedFuture(this.keys);
    }

    /**
     * Returns the in-process name an endpoint of this source stands for.
     * @param key one of the addresses this source answers
     * @return the name
     */
    static String nameOf(InetSocketAddress key) {
        return key.getHostString();
    }

    @Override
    public String toString() {
        return this.urls.toString();
    }

}
