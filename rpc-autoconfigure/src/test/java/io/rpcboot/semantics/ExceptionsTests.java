package io.rpcboot.semantics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Exceptions of the implementation reach the caller as the most specific type the
 * interface method declares, with their message, else as
 * {@code RpcException(APPLICATION_ERROR)} naming the remote type (and its message only
 * when the server is configured to include it); the caller sees no remote stack trace and
 * never instantiates a class because the remote side named it.
 */
class ExceptionsTests {

    static final AtomicBoolean tripwireTouched = new AtomicBoolean();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("bank", AutoConfiguredApplication.class, ClientApp.class);

    private final Bank bank = pair.clientBean(Bank.class);

    @Test
    void declaredCheckedExceptionArrivesAsExactlyThatTypeWithItsMessage() {
        assertThatExceptionOfType(OverdrawnException.class).isThrownBy(() -> bank.withdraw(50))
            .isExactlyInstanceOf(OverdrawnException.class)
            .withMessage("balance is 10, asked for 50");
    }

    @Test
    void thrownSubclassArrivesAsTheDeclaredTypeNamingTheRemoteClass() {
        assertThatExceptionOfType(OverdrawnException.class).isThrownBy(() -> bank.withdraw(5000))
            .isExactlyInstanceOf(OverdrawnException.class)
            .withMessageContaining(SeverelyOverdrawnException.class.getName())
            .withMessageContaining("asked for 5000, call the police");
    }

    @Test
    void undeclaredExceptionArrivesAsApplicationErrorNamingOnlyTheRemoteType() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> bank.close("audit pending"))
            .returns(RpcStatus.APPLICATION_ERROR, RpcException::getStatus)
            .returns(IllegalStateException.class.getName(), RpcException::getDescription)
            .withMessageNotContaining("audit pending");
    }

    @Test
    void undeclaredExceptionCarriesItsMessageWhenTheServerIncludesMessages() {
        try (ConfigurableApplicationContext talkativeServer = RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.server.error.include-message=always");
                ConfigurableApplicationContext talkativeClient = RpcApplications.client(talkativeServer, "bank",
                        new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            Bank talkativeBank = talkativeClient.getBean(Bank.class);
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> talkativeBank.close("audit pending"))
                .returns(RpcStatus.APPLICATION_ERROR, RpcException::getStatus)
                .returns(IllegalStateException.class.getName() + ": audit pending", RpcException::getDescription);
            Throwable thrown = catchThrowable(() -> talkativeBank.close("audit pending"));
            assertNoServerFrames(thrown);
        }
    }

    @Test
    void invalidIncludeMessageFailsStartUpNamingTheProperty() {
        Class<?>[] configuration = { AutoConfiguredApplication.class, ServerApp.class };
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> RpcApplications.server(configuration, "rpc.server.error.include-message=sometimes"))
            .satisfies((ex) -> assertThat(rootCauseChainMessages(ex)).contains("rpc.server.error.include-message"));
    }

    @Test
    void declaredExceptionCarriesNoRemoteStackTrace() {
        Throwable thrown = catchThrowable(() -> bank.withdraw(50));
        assertThat(thrown).isExactlyInstanceOf(OverdrawnException.class);
        assertNoServerFrames(thrown);
    }

    @Test
    void undeclaredExceptionCarriesNoRemoteStackTrace() {
        Throwable thrown = catchThrowable(() -> bank.close("audit pending"));
        assertThat(thrown).isExactlyInstanceOf(RpcException.class);
        assertNoServerFrames(thrown);
    }

    @Test
    void callerNeverInstantiatesAClassTheRemoteNames() {
        try (RawServer rawServer = new RawServer();
                ConfigurableApplicationContext rawClient = pair
                    .startClient("rpc.client.services.bank.urls=" + rawServer.url())) {
            Bank rawBank = rawClient.getBean(Bank.class);
            CompletableFuture<Integer> withdrawal = CompletableFuture.supplyAsync(() -> {
                try {
                    return rawBank.withdraw(1);
                }
                catch (OverdrawnException ex) {
                    throw new CompletionException(ex);
                }
            });
            try (RawConnection connection = rawServer.acceptAndHandshake(4 * 1024 * 1024)) {
                RawConnection.Request request = connection.readRequest();
                String tripwire = "io.rpcboot.semantics.ExceptionsTests$Tripwire";
                connection.writeResponse(request.id(), RpcStatus.APPLICATION_ERROR, "{\"message\": \"tripped\", "
                        + "\"exception\": \"" + tripwire + "\", \"remoteType\": \"" + tripwire + "\"}");
                assertThat(withdrawal).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class,
                            (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.APPLICATION_ERROR))
                    .withMessageContaining("tripped");
            }
        }
        assertThat(tripwireTouched).as("the remotely named class was initialized").isFalse();
    }

    private static String rootCauseChainMessages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            messages.append(current.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static void assertNoServerFrames(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            chain.add(current);
            assertThat(current.getSuppressed()).isEmpty();
        }
        assertThat(chain).hasSize(1);
        assertThat(thrown.getStackTrace()).isNotEmpty()
            .noneMatch((frame) -> frame.getClassName().startsWith("io.rpcboot.internal.server."))
            .noneMatch((frame) -> frame.getClassName().startsWith(BankImpl.class.getName()));
    }

    public static class OverdrawnException extends Exception {

        public OverdrawnException(String message) {
            super(message);
        }

    }

    public static class SeverelyOverdrawnException extends OverdrawnException {

        public SeverelyOverdrawnException(String message) {
            super(message);
        }

    }

    /**
     * Declared by another method, so a caller knows the type: it still must not create
     * one because a response for a method that does not declare it names it.
     */
    public static class Tripwire extends RuntimeException {

        static {
            tripwireTouched.set(true);
        }

        public Tripwire(String message) {
            super(message);
            tripwireTouched.set(true);
        }

    }

    @RpcClient(name = "bank")
    public interface Bank {

        int withdraw(int amount) throws OverdrawnException;

        void close(String reason);

        void audit() throws Tripwire;

    }

    @RpcService
    static class BankImpl implements Bank {

        @Override
        public int withdraw(int amount) throws OverdrawnException {
            if (amount >= 1000) {
                throw new SeverelyOverdrawnException("asked for " + amount + ", call the police");
            }
            if (amount > 10) {
                throw new OverdrawnException("balance is 10, asked for " + amount);
            }
            return 10 - amount;
        }

        @Override
        public void close(String reason) {
            throw new IllegalStateException(reason);
        }

        @Override
        public void audit() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        BankImpl bank() {
            return new BankImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Bank.class)
    static class ClientApp {

    }

}
