package io.rpcboot.internal.client;

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
    static final String SCHEME = "rpc";

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
            return new EndpointAddress(uri.getHost(), uri.getPort());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form rpc://host:port", ex);
        }
    }

    @Override
    public String toString() {
        return SCHEME + "://" + this.host + ":" + this.port;
    }

}
