package io.rpcboot.streaming;

import java.io.InputStream;
import java.util.Iterator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A method whose return or parameter type rpcboot cannot carry fails start-up, on the
 * server and on the client, with a message naming the method, instead of failing each
 * call (or handing a {@code Flux} to Jackson).
 */
class UnsupportedTypesTests {

    @Test
    void serverRefusesAJavaStreamResult() {
        assertStartUpFails(JavaStreams.class, JavaStreamsServer.class, "lines()", "java.util.stream.Stream");
    }

    @Test
    void clientRefusesAJavaStreamResult() {
        assertStartUpFails(JavaStreams.class, JavaStreamsClient.class, "lines()", "java.util.stream.Stream");
    }

    @Test
    void serverRefusesAnInputStreamParameter() {
        assertStartUpFails(Uploads.class, UploadsServer.class, "upload(java.io.InputStream)", "java.io.InputStream");
    }

    @Test
    void serverRefusesAnIteratorResult() {
        assertStartUpFails(Cursors.class, CursorsServer.class, "cursor()", "java.util.Iterator");
    }

    @Test
    void serverRefusesAMonoParameter() {
        assertStartUpFails(MonoArguments.class, MonoArgumentsServer.class, "take(reactor.core.publisher.Mono)", "Mono");
    }

    @Test
    void clientRefusesTwoStreamParameters() {
        assertStartUpFails(TwoStreams.class, TwoStreamsClient.class,
                "merge(reactor.core.publisher.Flux,reactor.core.publisher.Flux)", "one stream parameter");
    }

    @Test
    void serverRefusesAStreamParameterWithABlockingResult() {
        assertStartUpFails(BlockingUpload.class, BlockingUploadServer.class, "count(reactor.core.publisher.Flux)",
                "Mono");
    }

    private static void assertStartUpFails(Class<?> serviceInterface, Class<?> configuration, String method,
            String reason) {
        // the message names the interface and the method's key
        assertThatException().isThrownBy(() -> start(configuration).close())
            .havingRootCause()
            .withMessageContaining(serviceInterface.getSimpleName())
            .withMessageContaining(method)
            .withMessageContaining(reason);
    }

    private static ConfigurableApplicationContext start(Class<?> configuration) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, configuration).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "rpc.server.port=0", "rpc.server.address=127.0.0.1",
                    "rpc.client.services.unsupported.urls=rpc://127.0.0.1:1")
            .run();
    }

    interface JavaStreams {

        Stream<String> lines();

    }

    interface Uploads {

        int upload(InputStream data);

    }

    interface Cursors {

        Iterator<String> cursor();

    }

    interface MonoArguments {

        String take(Mono<String> value);

    }

    interface TwoStreams {

        Flux<String> merge(Flux<String> left, Flux<String> right);

    }

    interface BlockingUpload {

        int count(Flux<String> items);

    }

    @Configuration(proxyBeanMethods = false)
    static class JavaStreamsServer {

        @Bean
        JavaStreamsImpl javaStreams() {
            return new JavaStreamsImpl();
        }

    }

    @RpcService
    static class JavaStreamsImpl implements JavaStreams {

        @Override
        public Stream<String> lines() {
            return Stream.empty();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = JavaStreamsClient.Client.class)
    static class JavaStreamsClient {

        @RpcClient(name = "unsupported")
        interface Client extends JavaStreams {

        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UploadsServer {

        @Bean
        UploadsImpl uploads() {
            return new UploadsImpl();
        }

    }

    @RpcService
    static class UploadsImpl implements Uploads {

        @Override
        public int upload(InputStream data) {
            return 0;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CursorsServer {

        @Bean
        CursorsImpl cursors() {
            return new CursorsImpl();
        }

    }

    @RpcService
    static class CursorsImpl implements Cursors {

        @Override
        public Iterator<String> cursor() {
            return java.util.Collections.emptyIterator();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class MonoArgumentsServer {

        @Bean
        MonoArgumentsImpl monoArguments() {
            return new MonoArgumentsImpl();
        }

    }

    @RpcService
    static class MonoArgumentsImpl implements MonoArguments {

        @Override
        public String take(Mono<String> value) {
            return "";
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = TwoStreamsClient.Client.class)
    static class TwoStreamsClient {

        @RpcClient(name = "unsupported")
        interface Client extends TwoStreams {

        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BlockingUploadServer {

        @Bean
        BlockingUploadImpl blockingUpload() {
            return new BlockingUploadImpl();
        }

    }

    @RpcService
    static class BlockingUploadImpl implements BlockingUpload {

        @Override
        public int count(Flux<String> items) {
            return 0;
        }

    }

}
