package io.rpcboot.semantics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.support.LeakCheck;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServerClient;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer that arrives after its call's deadline is dropped without leaking its buffer,
 * and the connection keeps serving. The server here is played by hand, because an rpcboot
 * server does not answer a call its caller cancelled: it answers anyway, after the
 * cancel. A first call with the default timeout opens the connection, so that the short
 * deadline of the late call is spent waiting for the answer, not connecting.
 */
class LateAnswerTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    @Order(1)
    static final RawServerClient client = RawServerClient.of("quotes", AutoConfiguredApplication.class,
            ClientApp.class);

    @RegisterExtension
    @Order(2)
    static final LeakCheck leaks = new LeakCheck();

    @Test
    void lateAnswerIsDroppedWithoutLeakingAndTheConnectionKeepsServing() {
        Quotes quotes = client.bean(Quotes.class);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> quotes.quote("FIRST"));
        try (RawConnection connection = client.server().acceptAndHandshake(4 * 1024 * 1024)) {
            connection.writeResponse(connection.readRequest().id(), RpcStatus.OK, "\"FIRST 1\"");
            assertThat(first).succeedsWithin(WAIT).isEqualTo("FIRST 1");

            CompletableFuture<String> late = CompletableFuture.supplyAsync(() -> quotes.quoteQuickly("ACME"));
            RawConnection.Request lateRequest = connection.readRequest();
            assertThat(late).failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class,
                        (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
            assertThat(connection.readFrameOfType(RawConnection.CANCEL).id()).isEqualTo(lateRequest.id());
            connection.writeResponse(lateRequest.id(), RpcStatus.OK, "\"" + "late ".repeat(20_000) + "\"");

            CompletableFuture<String> onTime = CompletableFuture.supplyAsync(() -> quotes.quote("INITECH"));
            RawConnection.Request onTimeRequest = connection.readRequest();
            assertThat(onTimeRequest.id()).isNotEqualTo(lateRequest.id());
            connection.writeResponse(onTimeRequest.id(), RpcStatus.OK, "\"INITECH 42\"");
            assertThat(onTime).succeedsWithin(WAIT).isEqualTo("INITECH 42");
        }
    }

    @RpcClient(name = "quotes")
    public interface Quotes {

        String quote(String symbol);

        @RpcMethod(timeout = "300ms")
        String quoteQuickly(String symbol);

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Quotes.class)
    static class ClientApp {

    }

}
