package io.rpcboot.internal.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import io.rpcboot.internal.server.CallDispatcher;

/**
 * HTTP/1.1 and JSON access to a server's exported services, on the server's own port:
 * {@code POST /{service}/{method}} with a JSON array of the arguments calls a method, {@code GET /}
 * describes the services. One per server; {@link #addHttp(ChannelPipeline)} equips each connection
 * that speaks HTTP with Netty's HTTP codec, keep-alive handling and body aggregation, and the handler
 * that serves the requests.
 */
public final class HttpTransport {

    private final CallDispatcher dispatcher;

    private final int maxContentLength;

    private final HttpRoutes routes;

    private volatile byte @Nullable [] description;

    /**
     * Creates the transport.
     * @param dispatcher what runs the calls
     * @param maxContentLength the largest request body accepted, in bytes
     */
    public HttpTransport(CallDispatcher dispatcher, int maxContentLength) {
        this.dispatcher = dispatcher;
        this.maxContentLength = maxContentLength;
        this.routes = new HttpRoutes(dispatcher.services());
    }

    /**
     * Adds the handlers of an HTTP connection at the end of its pipeline.
     * @param pipeline the connection's pipeline
     */
    public void addHttp(ChannelPipeline pipeline) {
        pipeline.addLast("http-codec", new HttpServerCodec())
            .addLast("http-keep-alive", new HttpServerKeepAliveHandler())
            .addLast("http-aggregator", new RequestAggregator(this.maxContentLength))
            .addLast("http-calls", new HttpConnection(this));
    }

    CallDispatcher dispatcher() {
        return this.dispatcher;
    }

    HttpRoutes routes() {
        return this.routes;
    }

    ObjectMapper mapper() {
        return this.dispatcher.codec().mapper();
    }

    int maxContentLength() {
        return this.maxContentLength;
    }

    /**
     * Returns the JSON description of the services, written on first use.
     * @return the bytes of the description, not to be modified
     */
    byte[] description() {
        byte[] written = this.description;
        if (written == null) {
            written = new ServiceDescription(this.routes, mapper()).write();
            this.description = written;
        }
        return written;
    }

}
