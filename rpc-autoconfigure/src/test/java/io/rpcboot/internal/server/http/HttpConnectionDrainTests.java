package io.rpcboot.internal.server.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.RpcInterceptorChain;
import io.rpcboot.internal.server.Dispatchers;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerOptions;
import io.rpcboot.internal.server.ServiceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP call accepted while the server starts to stop: the stop either waits for the
 * call or the call is refused, never run on a connection the stop closes under it. Timing
 * that sockets cannot force, so the stop runs from inside the request's handling.
 */
class HttpConnectionDrainTests {

    private final PayloadCodec codec = new PayloadCodec(new JsonMapper());

    private final AtomicInteger greetings = new AtomicInteger();

    @Test
    void stopBetweenTheDrainingCheckAndTheCallStartRefusesTheCall() {
        // the application's executor outlives the server, as a Spring-managed one does
        RpcServer server = new RpcServer(ServerOptions.builder().maxMessageSize(1 << 20).build(),
                new ServiceRegistry(Map.of(Greeter.class, (Greeter) this::greet), this.codec), this.codec,
                Runnable::run, RpcInterceptorChain.of(List.of()), List.of());
        server.start();
        EmbeddedChannel channel = new EmbeddedChannel(
                new HttpConnection(new HttpTransport(Dispatchers.of(server), 1 << 20)));
        // the content type is read after the draining check: stopping there is a stop
        // that
        // comes while the call is being accepted
        HttpHeaders stopsTheServer = new DefaultHttpHeaders() {
            @Override
            public String get(CharSequence name) {
                if (HttpHeaderNames.CONTENT_TYPE.contentEqualsIgnoreCase(name)) {
                    server.stop(Duration.ofSeconds(5));
                }
                return super.get(name);
            }
        };
        stopsTheServer.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/" + Greeter.class.getName() + "/greet", Unpooled.copiedBuffer("[\"x\"]", StandardCharsets.UTF_8),
                stopsTheServer, DefaultHttpHeadersFactory.trailersFactory().newHeaders()));
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).isNotNull();
        String body = response.content().toString(StandardCharsets.UTF_8);
        HttpResponseStatus status = response.status();
        boolean keepAlive = HttpUtil.isKeepAlive(response);
        response.release();
        assertThat(this.greetings).as("calls run after the stop").hasValue(0);
        assertThat(status).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(body).contains("shutting down");
        assertThat(keepAlive).as("connection kept open").isFalse();
        channel.finishAndReleaseAll();
    }

    private String greet(String name) {
        this.greetings.incrementAndGet();
        return name;
    }

    /** A service to call. */
    public interface Greeter {

        String greet(String name);

    }

}
