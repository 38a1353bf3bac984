package io.rpcboot.internal.contract;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The contract of a set of service interfaces: each service's methods, and the object
 * types their schemas refer to. Its JSON form is the file {@code rpc-contract.json}
 * ({@link ContractJson}), described in {@code docs/contracts.md}.
 *
 * @param formatVersion the version of the JSON form, {@value #FORMAT_VERSION} for this
 * one
 * @param services the services by fully qualified interface name, sorted
 * @param types the object types by Java type name (generics resolved), sorted
 */
@JsonPropertyOrder({ "formatVersion", "services", "types" })
public record Contract(int formatVersion, Map<String, ServiceContract> services, Map<String, Schema> types) {

    /** The version of the JSON form that this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Creates a contract; the maps are copied.
     */
    public Contract {
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
        types = Collections.unmodifiableSortedMap(new TreeMap<>(types));
    }

    /**
     * Joins contracts of distinct services into one.
     * @param contracts the contracts
     * @return one contract with every service and every type of them
     */
    public static Contract merge(Collection<Contract> contracts) {
        Map<String, ServiceContract> services = new TreeMap<>();
        Map<String, Schema> types = new TreeMap<>();
        for (Contract contract : contracts) {
            services.putAll(contract.services());
            types.putAll(contract.types());
        }
        return new Contract(FORMAT_VERSION, services, types);
    }

    /**
     * Returns the object type a schema refers to, or the schema itself when it is not a
     * reference.
     * @param schema a schema of this contract
     * @return the schema it stands for, {@link Schema#ANY} for a reference to a type this
     * contract does not describe
     */
    Schema resolve(Schema schema) {
        String name = schema.referencedType();
        if (name == null) {
            return schema;
        }
        @Nullable Schema type = this.types.get(name);
        return (type != null) ? type : Schema.ANY;
    }

}
