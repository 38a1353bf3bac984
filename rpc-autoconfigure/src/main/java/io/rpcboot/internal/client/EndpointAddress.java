package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The host and port of one endpoint, written as {@code rpc://host:port}.
 *
 * @param host the host name or address
 * @param port the port
 */
public record EndpointAddress(String host, int port) {

    /** The scheme of endpoint URLs. */
    public static final String SCHEME = "rpc";

    /**
     * Parses an endpoint URL.
     * @param url a URL such as {@code rpc://catalog:9090}
     * @return the address
     * @throws IllegalArgumentException when the URL is not {@code rpc://host:port}
     */
    public static EndpointAddress parse(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form rpc://host:port");
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // an IPv6 literal
            }
            return new EndpointAddress(host, uri.getPort());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form rpc://host:port", ex);
        }
    }

    /**
     * Returns the address of a resolved socket address, written with its IP address.
     * @param address the resolved address
     * @return the endpoint address
     */
    public static EndpointAddress of(InetSocketAddress address) {
        return new EndpointAddress(address.getAddress().getHostAddress(), address.getPort());
    }

    @Override
    public String toString() {
        return SCHEME + "://" + ((this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host) + ":" + this.port;
    }

}
