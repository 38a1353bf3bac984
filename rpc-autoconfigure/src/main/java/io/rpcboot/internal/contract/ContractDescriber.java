package io.rpcboot.internal.contract;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * Describes service interfaces as a {@link Contract}: the methods a server exports for
 * them (every abstract method, inherited ones included, keyed as on the wire), with the
 * schemas of what the payload mapper writes for their parameters and results.
 */
public final class ContractDescriber {

    private final ObjectMapper mapper;

    private final PayloadCodec codec;

    /**
     * Creates a describer of what the given mapper writes.
     * @param mapper the mapper of JSON payloads, as the codec of a server or client uses
     * it
     */
    public ContractDescriber(ObjectMapper mapper) {
        this.mapper = mapper;
        this.codec = new PayloadCodec(mapper, null);
    }

    /**
     * Creates a describer of what rpcboot writes with a default Jackson configuration, as
     * a build sees it (the application's own Jackson customizations are not known there).
     * @return the describer
     */
    public static ContractDescriber withDefaultMapper() {
        return new ContractDescriber(
                PayloadCodec.forApplication(JsonMapper.builder().build(), List.of(), false).mapper());
    }

    /**
     * Describes service interfaces.
     * @param serviceInterfaces the interfaces
     * @return their contract
     * @throws IllegalArgumentException when one of the classes is not an interface
     */
    public Contract describe(Collection<Class<?>> serviceInterfaces) {
        SchemaGenerator schemas = new SchemaGenerator(this.mapper);
        SortedMap<String, ServiceContract> services = new TreeMap<>();
        for (Class<?> serviceInterface : serviceInterfaces) {
            if (!serviceInterface.isInterface()) {
                throw new IllegalArgumentException(serviceInterface.getName() + " is not an interface");
            }
            services.put(serviceInterface.getName(), describe(serviceInterface, schemas));
        }
        return new Contract(Contract.FORMAT_VERSION, services, schemas.types());
    }

    private ServiceContract describe(Class<?> serviceInterface, SchemaGenerator schemas) {
        SortedMap<String, MethodContract> methods = new TreeMap<>();
        for (Method method : serviceInterface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            MethodDescriptor descriptor = this.codec.describe(serviceInterface, method);
            methods.put(descriptor.key(), describe(descriptor, schemas));
        }
        return new ServiceContract(methods);
    }

    private static MethodContract describe(MethodDescriptor descriptor, SchemaGenerator schemas) {
        Parameter[] declared = descriptor.method().getParameters();
        List<ParameterContract> parameters = new ArrayList<>(declared.length);
        for (int i = 0; i < declared.length; i++) {
            String name = declared[i].isNamePresent() ? declared[i].getName() : null;
            JavaType type = descriptor.parameterTypes().get(i);
            // a stream parameter carries its elements, one message each
            JavaType element = (i == descriptor.streamParameter()) ? descriptor.parameterElementType() : null;
            parameters.add(new ParameterContract(name, MethodDescriptor.typeName(type),
                    schemas.schemaOf((element != null) ? element : type)));
        }
        List<String> exceptions = new ArrayList<>();
        descriptor.declaredExceptions().forEach((type) -> exceptions.add(type.getName()));
        exceptions.sort(null);
        // the declared return type (a CompletableFuture, a Flux), and the schema of what
        // crosses the wire: the future's value, one element of the stream
        ParameterContract result = new ParameterContract(null, MethodDescriptor.typeName(descriptor.returnType()),
                schemas.schemaOf(descriptor.resultType()));
        return new MethodContract(descriptor.shape().name(), parameters, result, exceptions);
    }

}
