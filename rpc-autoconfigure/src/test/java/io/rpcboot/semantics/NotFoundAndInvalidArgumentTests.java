package io.rpcboot.semantics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls that cannot be dispatched or decoded are answered, never dropped: an unknown
 * service or method with {@code NOT_FOUND}, arguments that do not deserialize (malformed
 * JSON, wrong types or count, a deserializer of the application that throws) with
 * {@code INVALID_ARGUMENT}, a result the caller cannot read with {@code INTERNAL}; the
 * service keeps serving afterwards.
 */
class NotFoundAndInvalidArgumentTests {

    private static final String CALCULATOR = Calculator.class.getName();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("calculator", AutoConfiguredApplication.class, ClientApp.class);

    private final Calculator calculator = pair.clientBean(Calculator.class);

    @Test
    void serviceTheServerDoesNotExportIsNotFound() {
        Calculator.Unexported unexported = pair.clientBean(Calculator.Unexported.class);
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> unexported.divide(1, 2))
            .returns(RpcStatus.NOT_FOUND, RpcException::getStatus)
            .withMessageContaining(Calculator.Unexported.class.getName());
    }

    @Test
    void methodTheServiceDoesNotHaveIsNotFound() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(5, CALCULATOR, "add(long,long)", 0, "[1, 2]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(5);
            assertThat(response.status()).isEqualTo(RpcStatus.NOT_FOUND);
            assertThat(response.payload()).contains("add(long,long)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "hashCode()", "toString()", "equals(java.lang.Object)", "getClass()", "wait()" })
    void methodsOfObjectAreNotFound(String methodKey) {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, CALCULATOR, methodKey, 0, "[]");
            assertThat(connection.readResponse().status()).isEqualTo(RpcStatus.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "[\"one\", 2]", "[1, 2", "{\"a\": 1, \"b\": 2}", "[1]", "[1, 2, 3]", "", "nonsense",
            "[null, 2]", "[1, {\"b\": 2}]" })
    void argumentsThatDoNotDeserializeAreInvalid(String arguments) {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(9, CALCULATOR, "add(int,int)", 0, arguments);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(9);
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
        }
    }

    @Test
    void argumentWhoseDeserializerThrowsIsInvalid() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(3, CALCULATOR, "convert(" + Unit.class.getName() + ")", 0, "[\"furlong\"]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(3);
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
        }
    }

    @Test
    void resultWhoseDeserializerThrowsFailsTheCallWithInternal() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> calculator.unitOf("furlong"))
            .returns(RpcStatus.INTERNAL, RpcException::getStatus)
            .withMessageContaining("unknown unit furlong");
    }

    @Test
    void connectionKeepsServingAfterInvalidArguments() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, CALCULATOR, "add(int,int)", 0, "[\"one\", 2]");
            assertThat(connection.readResponse().status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            connection.writeRequest(2, CALCULATOR, "add(int,int)", 0, "[1, 2]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(2);
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("3");
        }
        assertThat(calculator.add(40, 2)).isEqualTo(42);
    }

    /**
     * A unit of length, read by a deserializer that throws for units it does not know, as
     * look-ups written by applications often do.
     *
     * @param name the unit's name
     */
    @JsonDeserialize(using = UnitDeserializer.class)
    public record Unit(@JsonValue String name) {
    }

    static class UnitDeserializer extends StdDeserializer<Unit> {

        UnitDeserializer() {
            super(Unit.class);
        }

        @Override
        public Unit deserialize(JsonParser parser, DeserializationContext context) {
            String name = parser.getString();
            if (!List.of("m", "km").contains(name)) {
                throw new IllegalStateException("unknown unit " + name);
            }
            return new Unit(name);
        }

    }

    @RpcClient(name = "calculator")
    public interface Calculator {

        int add(int a, int b);

        double convert(Unit unit);

        Unit unitOf(String name);

        @RpcClient(name = "calculator")
        interface Unexported {

            int divide(int a, int b);

        }

    }

    @RpcService
    static class CalculatorImpl implements Calculator {

        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public double convert(Unit unit) {
            return "km".equals(unit.name()) ? 1000 : 1;
        }

        @Override
        public Unit unitOf(String name) {
            return new Unit(name);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        CalculatorImpl calculator() {
            return new CalculatorImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Calculator.class, Calculator.Unexported.class })
    static class ClientApp {

    }

}
