package io.rpcboot;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One remote call as interceptors see it, on the client or on the server: what is called,
 * the metadata that travels with the request and the response, and attributes
 * interceptors share. The runtime creates calls; a test of an interceptor may create one
 * as an anonymous subclass.
 */
public abstract class RpcCall {

    private final Side side;

    private final String service;

    private final Method method;

    private final Map<String, String> requestMetadata;

    private final Map<String, String> responseMetadata;

    private final @Nullable SocketAddress remoteAddress;

    private @Nullable Map<String, Object> attributes;

    /**
     * Creates a call.
     * @param side whether this is the caller's or the server's view
     * @param service the fully qualified name of the service interface
     * @param method the interface method
     * @param requestMetadata the request metadata: mutable on the client, read-only on
     * the server
     * @param responseMetadata the response metadata: mutable on the server, filled on the
     * client when the response arrives
     * @param remoteAddress the peer's address, when known
     */
    protected RpcCall(Side side, String service, Method method, Map<String, String> requestMetadata,
            Map<String, String> responseMetadata, @Nullable SocketAddress remoteAddress) {
        this.side = side;
        this.service = service;
        this.method = method;
        this.requestMetadata = requestMetadata;
        this.responseMetadata = responseMetadata;
        this.remoteAddress = remoteAddress;
    }

    /**
     * Returns whether this is the caller's or the server's view of the call.
     * @return the side
     */
    public final Side side() {
        return this.side;
    }

    /**
     * Returns the fully qualified name of the service interface.
     * @return the service name
     */
    public final String service() {
        return this.service;
    }

    /**
     * Returns the interface method called.
     * @return the method
     */
    public final Method method() {
        return this.method;
    }

    /**
     * Returns the metadata sent with the request. Client interceptors may add entries; on
     * the server it is read-only.
     * @return the request metadata
     */
    public final Map<String, String> requestMetadata() {
        return this.requestMetadata;
    }

    /**
     * Returns the metadata sent with the response. Server interceptors may add entries.
     * @return the response metadata
     */
    public final Map<String, String> responseMetadata() {
        return this.responseMetadata;
    }

    /**
     * Returns the address of the peer.
     * @return the address, or {@code null} when not known yet
     */
    public final @Nullable SocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    /**
     * Returns an attribute set by an interceptor.
     * @param name the attribute name
     * @return the value, or {@code null}
     */
    public final @Nullable Object getAttribute(String name) {
        return (this.attributes != null) ? this.attributes.get(name) : null;
    }

    /**
     * Sets an attribute for later interceptors or for the completion of the same
     * interceptor.
     * @param name the attribute name
     * @param value the value
     */
    public final void setAttribute(String name, Object value) {
        if (this.attributes == null) {
            this.attributes = new HashMap<>(4);
        }
        this.attributes.put(name, value);
    }

    @Override
    public final String toString() {
        return this.service + "." + this.method.getName();
    }

    /**
     * The two views of a call.
     */
    public enum Side {

        /** The caller's view. */
        CLIENT,

        /** The server's view. */
        SERVER

    }

}
