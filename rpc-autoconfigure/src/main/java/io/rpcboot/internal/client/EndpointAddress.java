package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The host and port of one endpoint, written as {@code rpc://host:port}, or the name of a
 * server in the same JVM, written as {@code in-process:NAME}: then {@code host} is the
 * name and {@code port} is {@link #IN_PROCESS_PORT}.
 *
 * @param host the host name or address, or the in-process name
 * @param port the port, {@link #IN_PROCESS_PORT} for an in-process endpoint
 */
public record EndpointAddress(String host, int port) {

    /** The scheme of endpoint URLs. */
    static final String SCHEME = "rpc";

    /** The scheme of in-process endpoint URLs. */
    static final String IN_PROCESS_SCHEME = "in-process";

    /** The port of in-process endpoints, which have none. */
    static final int IN_PROCESS_PORT = -1;

    private static final String FORMS = "rpc://host:port or in-process:name";

    /**
     * Parses an endpoint URL.
     * @param url a URL such as {@code rpc://catalog:9090} or {@code in-process:catalog}
     * @return the address
     * @throws IllegalArgumentException when the URL is neither {@code rpc://host:port}
     * nor {@code in-process:name}
     */
    public static EndpointAddress parse(String url) {
        String trimmed = url.trim();
        if (trimmed.startsWith(IN_PROCESS_SCHEME + ":")) {
            String name = trimmed.substring(IN_PROCESS_SCHEME.length() + 1);
            if (name.isBlank() || name.startsWith("/")) {
                throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form " + FORMS);
            }
            return inProcess(name);
        }
        try {
            URI uri = new URI(trimmed);
            if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form " + FORMS);
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // an IPv6 literal
            }
            return new EndpointAddress(host, uri.getPort());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("'" + url + "' is not an endpoint URL of the form " + FORMS, ex);
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

    /**
     * Returns the address of a server in the same JVM.
     * @param name the name it serves under ({@code rpc.server.in-process.name})
     * @return the endpoint address
     */
    public static EndpointAddress inProcess(String name) {
        return new EndpointAddress(name, IN_PROCESS_PORT);
    }

    /**
     * Returns whether this is the address of a server in the same JVM.
     * @return whether it is written {@code in-process:NAME}
     */
    public boolean isInProcess() {
        return this.port == IN_PROCESS_PORT;
    }

    @Override
    public String toString() {
        if (isInProcess()) {
            return IN_PROCESS_SCHEME + ":" + this.host;
        }
        return SCHEME + "://" + ((this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host) + ":" + this.port;
    }

}
