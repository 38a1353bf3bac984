package io.rpcboot.internal.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With {@link ConstructorCreatorsModule}, objects created from their properties read
 * exactly as Jackson reads them without it (records, {@code @JsonCreator} constructors,
 * non-public types, a constructor that refuses its arguments), but the constructor is no
 * longer called through {@code MethodHandle.invokeWithArguments}.
 */
class ConstructorCreatorsModuleTests {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static final JsonMapper WITH_MODULE = JsonMapper.builder()
        .addModule(new ConstructorCreatorsModule())
        .build();

    private static final String PARCELS = "[{\"id\":\"p-1\",\"weight\":2.5,\"labels\":[\"fragile\"]},"
            + "{\"id\":\"p-2\",\"weight\":0.5,\"labels\":[]}]";

    @Test
    void recordsReadAsWithoutTheModule() {
        TypeReference<List<Parcel>> parcels = new TypeReference<>() {
        };
        assertThat(WITH_MODULE.readValue(PARCELS, parcels)).isEqualTo(PLAIN.readValue(PARCELS, parcels))
            .containsExactly(new Parcel("p-1", 2.5, List.of("fragile")), new Parcel("p-2", 0.5, List.of()));
    }

    @Test
    void jsonCreatorConstructorsAndNonPublicTypesReadAsWithoutTheModule() {
        String json = "{\"name\":\"Ada\",\"age\":36}";
        assertThat(WITH_MODULE.readValue(json, Person.class)).isEqualTo(PLAIN.readValue(json, Person.class))
            .isEqualTo(new Person("Ada", 36));
    }

    @Test
    void constructorThatRefusesItsArgumentsFailsAsWithoutTheModule() {
        String json = "{\"id\":\"p-3\",\"weight\":-1,\"labels\":[]}";
        ValueInstantiationException withModule = catchThrowableOfType(ValueInstantiationException.class,
                () -> WITH_MODULE.readValue(json, Parcel.class));
        ValueInstantiationException plain = catchThrowableOfType(ValueInstantiationException.class,
                () -> PLAIN.readValue(json, Parcel.class));
        assertThat(withModule.getOriginalMessage()).isEqualTo(plain.getOriginalMessage())
            .contains("weight must not be negative");
        assertThat(withModule.getCause()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorIsNotCalledThroughInvokeWithArguments() {
        String json = "{\"id\":\"p-4\"}";
        assertThat(PLAIN.readValue(json, CallerProbe.class).calledThroughInvokeWithArguments()).isTrue();
        assertThat(WITH_MODULE.readValue(json, CallerProbe.class).calledThroughInvokeWithArguments()).isFalse();
    }

    /**
     * A parcel.
     *
     * @param id its id
     * @param weight its weight, not negative
     * @param labels its labels
     */
    record Parcel(String id, double weight, List<String> labels) {

        Parcel {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must not be negative");
            }
        }

    }

    private static final class Person {

        private final String name;

        private final int age;

        @JsonCreator
        private Person(@JsonProperty("name") String name, @JsonProperty("age") int age) {
            this.name = name;
            this.age = age;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Person person && person.name.equals(this.name) && person.age == this.age;
        }

        @Override
        public int hashCode() {
            return this.name.hashCode() * 31 + this.age;
        }

    }

    /**
     * Remembers whether Jackson called its constructor through
     * {@code invokeWithArguments}.
     *
     * @param id an id
     * @param calledThroughInvokeWithArguments set by the constructor from its caller's
     * stack
     */
    record CallerProbe(String id, boolean calledThroughInvokeWithArguments) {

        @JsonCreator
        CallerProbe(@JsonProperty("id") String id) {
            this(id, StackWalker.getInstance()
                .walk((frames) -> frames.anyMatch((frame) -> frame.getMethodName().equals("invokeWithArguments"))));
        }

    }

}
