package io.rpcboot.internal.contract;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The methods a service interface exports.
 *
 * @param methods the methods by key ({@code price(java.lang.String,int)}), sorted
 */
public record ServiceContract(Map<String, MethodContract> methods) {

    /**
     * Creates a service contract; the map is copied.
     */
    public ServiceContract {
        methods = Collections.unmodifiableSortedMap(new TreeMap<>(methods));
    }

}
