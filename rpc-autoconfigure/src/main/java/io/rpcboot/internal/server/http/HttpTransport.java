package io.rpcboot.internal.server.http;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.server.CallDispatcher;
import io.rpcboot.internal.server.ConnectionProtocol;

/**
 * HTTP/1.1 and JSON access to a server's exported services, on the server's own port:
 * {@code POST /{service}/{method}} with a JSON array of the arguments calls a method,
 * {@code GET /} describes the services, {@code GET /openapi.json} gives their OpenAPI
 * document (both written once, on their first request, so that a server that is never
 * asked for them does not spend its start-up on them). One per server, which installs it
 * on each connection that starts with an HTTP method and a space ({@code GET },
 * {@code POST }, ...): Netty's HTTP codec, keep-alive handling and body aggregation, and
 * the handler that serves the requests.
 */
public final class HttpTransport implements ConnectionProtocol {

    /** The name of the handler whose output is whole requests. */
    static final String AGGREGATOR = "http-aggregator";

    private final CallDispatcher dispatcher;

    private final int maxContentLength;

    private final HttpRoutes routes;

    private final @Nullable HttpAuthentication authentication;

    private volatile byte @Nullable [] description;

    private volatile byte @Nullable [] openApi;

    private final Map<MethodDescriptor, ObjectReader> elementReaders;

    /**
     * Creates the transport.
     * @param dispatcher what runs the calls
     * @param maxContentLength the largest request body accepted, in bytes
     */
    public HttpTransport(CallDispatcher dispatcher, int maxContentLength) {
        this(dispatcher, maxContentLength, null);
    }

    /**
     * Creates the transport of a server that authenticates its callers.
     * @param dispatcher what runs the calls
     * @param maxContentLength the largest request body accepted, in bytes
     * @param authentication what checks requests for the service description and names
     * the challenge of {@code 401} answers, {@code null} when the server authenticates
     * nobody
     */
    public HttpTransport(CallDispatcher dispatcher, int maxContentLength, @Nullable HttpAuthentication authentication) {
        this.dispatcher = dispatcher;
        this.maxContentLength = maxContentLength;
        this.routes = new HttpRoutes(dispatcher.services());
        this.authentication = authentication;
        this.elementReaders = elementReaders(dispatcher.services(), mapper());
    }

    /**
     * Returns the protocol of a server whose HTTP is disabled: it recognises HTTP only to
     * close such connections with a DEBUG line that says why.
     * @return the protocol
     */
    public static ConnectionProtocol disabled() {
        return new DisabledHttp();
    }

    @Override
    public Recognition recognise(ByteBuf firstBytes) {
        return HttpMethods.recognise(firstBytes);
    }

    /**
     * Adds the handlers of an HTTP connection at the end of its pipeline.
     * @param pipeline the connection's pipeline
     * @return the name of the handler whose output is whole requests
     */
    @Override
    public String install(ChannelPipeline pipeline) {
        pipeline.addLast("http-codec", new HttpServerCodec())
            .addLast("http-keep-alive", new HttpServerKeepAliveHandler())
            .addLast(AGGREGATOR, new RequestAggregator(this.maxContentLength))
            .addLast("http-calls", new HttpConnection(this));
        return AGGREGATOR;
    }

    /** A {@code 503} with a JSON error body and {@code Connection: close}. */
    @Override
    public byte[] refusal(String reason) {
        byte[] body = ("{\"status\":\"UNAVAILABLE\",\"message\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: "
                + body.length + "\r\nconnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        return response;
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

    /**
     * Returns the reader of one element of a method's stream parameter, made when the
     * transport was created.
     * @param method a method that takes a stream
     * @return the reader
     */
    ObjectReader elementReader(MethodDescriptor method) {
        ObjectReader reader = this.elementReaders.get(method);
        if (reader == null) {
            throw new IllegalStateException(method + " takes no stream");
        }
        return reader;
    }

    private static Map<MethodDescriptor, ObjectReader> elementReaders(Map<String, List<CallDispatcher.Method>> services,
            ObjectMapper mapper) {
        IdentityHashMap<MethodDescriptor, ObjectReader> readers = new IdentityHashMap<>();
        services.values().forEach((methods) -> methods.forEach((method) -> {
            JavaType element = method.descriptor().parameterElementType();
            if (element != null) {
                // elements are read one after the other from the array that holds them
                readers.put(method.descriptor(),
                        mapper.readerFor(element).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
            }
        }));
        return readers;
    }

    @Nullable HttpAuthentication authentication() {
        return this.authentication;
    }

    int maxContentLength() {
        return this.maxContentLength;
    }

    /**
     * Returns the OpenAPI document of the services, written on first use.
     * @return the bytes of the document, not to be modified
     */
    byte[] openApi() {
        byte[] written = this.openApi;
        if (written == null) {
            HttpAuthentication authentication = this.authentication;
            written = new OpenApiDocument(this.routes, mapper(),
                    (authentication != null) ? authentication.challenge() : null)
                .write();
            this.openApi = written;
        }
        return written;
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
