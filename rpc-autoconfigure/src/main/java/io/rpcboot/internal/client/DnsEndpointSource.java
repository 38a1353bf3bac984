package io.rpcboot.internal.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcEndpointSource;

/**
 * The endpoints of {@code rpc://host:port} URLs: an address as it is, a host name
 * resolved through DNS (and the hosts file) to every address it has, one endpoint each.
 * When a name has IPv4 addresses only those are used (IPv6 otherwise): a dual-stack host,
 * or Kubernetes pod, answers both families for one instance. A name that no longer
 * resolves keeps the addresses it last resolved to, since a DNS server that cannot be
 * reached says nothing about the endpoints.
 */
final class DnsEndpointSource implements RpcEndpointSource {

    private static final Logger logger = LoggerFactory.getLogger(DnsEndpointSource.class);

    private final List<EndpointAddress> urls;

    private final DnsNameResolver resolver;

    private final Map<EndpointAddress, List<InetSocketAddress>> lastResolved = new ConcurrentHashMap<>();

    DnsEndpointSource(List<EndpointAddress> urls, DnsNameResolver resolver) {
        this.urls = List.copyOf(urls);
        this.resolver = resolver;
    }

    @Override
    public CompletionStage<List<InetSocketAddress>> endpoints(String service) {
        List<CompletableFuture<List<InetSocketAddress>>> lookups = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (EndpointAddress url : this.urls) {
            lookups.add(resolve(url, failures));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenCompose((done) -> {
            List<InetSocketAddress> addresses = new ArrayList<>();
            lookups.forEach((lookup) -> addresses.addAll(lookup.join()));
            synchronized (failures) {
                if (addresses.isEmpty() && !failures.isEmpty()) {
                    return CompletableFuture.failedFuture(new UnknownHostException(String.join("; ", failures)));
                }
            }
            return CompletableFuture.completedFuture(addresses);
        });
    }

    /**
     * Resolves one URL; never fails: a failure is added to {@code failures} and answered
     * with the addresses the URL last resolved to.
     */
    private CompletableFuture<List<InetSocketAddress>> resolve(EndpointAddress url, List<String> failures) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(url.host());
        if (literal != null) {
            try {
                return CompletableFuture
                    .completedFuture(List.of(new InetSocketAddress(InetAddress.getByAddress(literal), url.port())));
            }
            catch (UnknownHostException ex) {
                throw new IllegalStateException(ex); // a literal of a valid length
            }
        }
        CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
        this.resolver.resolveAll(url.host())
            .addListener((io.netty.util.concurrent.Future<List<InetAddress>> lookup) -> {
                if (lookup.isSuccess()) {
                    List<InetSocketAddress> addresses = addresses(lookup.getNow(), url.port());
                    this.lastResolved.put(url, addresses);
                    result.complete(addresses);
                    return;
                }
                String failure = url + " did not resolve: " + lookup.cause().getMessage();
                synchronized (failures) {
                    failures.add(failure);
                }
                List<InetSocketAddress> known = this.lastResolved.getOrDefault(url, List.of());
                if (!known.isEmpty()) {
                    logger.debug("{}; keeping {}", failure, known);
                }
                result.complete(known);
            });
        return result;
    }

    @Override
    public String toString() {
        return "DNS for " + this.urls;
    }

    private static List<InetSocketAddress> addresses(List<InetAddress> resolved, int port) {
        boolean anyIpv4 = resolved.stream().anyMatch(Inet4Address.class::isInstance);
        List<InetSocketAddress> addresses = new ArrayList<>(resolved.size());
        for (InetAddress address : resolved) {
            if (!anyIpv4 || address instanceof Inet4Address) {
                addresses.add(new InetSocketAddress(address, port));
            }
        }
        return addresses;
    }

}
