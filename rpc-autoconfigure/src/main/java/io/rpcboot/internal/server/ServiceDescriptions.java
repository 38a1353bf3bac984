package io.rpcboot.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.ObjectMapper;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.contract.ContractJson;

/**
 * The answers to DESCRIBE frames: the contract of the exported services a client asks
 * about, in the JSON form of {@code rpc-contract.json}. Each service is described once,
 * on the first ask, and the JSON of the sets of services clients ask about is kept, so
 * that a connection costs a look-up, not a description.
 */
final class ServiceDescriptions {

    /** The most distinct sets of services whose JSON is kept. */
    static final int MAX_CACHED_ANSWERS = 64;

    private final Map<String, Class<?>> interfaces;

    private final ContractDescriber describer;

    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();

    private final Map<List<String>, byte[]> answers = new ConcurrentHashMap<>();

    /**
     * Creates the descriptions of services.
     * @param interfaces the exported interfaces by service name
     * @param mapper the mapper of the server's JSON payloads
     */
    ServiceDescriptions(Map<String, Class<?>> interfaces, ObjectMapper mapper) {
        this.interfaces = Map.copyOf(interfaces);
        this.describer = new ContractDescriber(mapper);
    }

    /**
     * Returns the contract of the services asked about that the server exports; the
     * others are left out.
     * @param services the names of the services
     * @return the contract's JSON as UTF-8 bytes
     */
    byte[] describe(List<String> services) {
        List<String> exported = new ArrayList<>(services.size());
        for (String service : services) {
            if (this.interfaces.containsKey(service) && !exported.contains(service)) {
                exported.add(service);
            }
        }
        exported.sort(null);
        byte[] answer = this.answers.get(exported);
        if (answer != null) {
            return answer;
        }
        List<Contract> contracts = new ArrayList<>(exported.size());
        for (String service : exported) {
            contracts.add(this.contracts.computeIfAbsent(service,
                    (name) -> this.describer.describe(List.of(Objects.requireNonNull(this.interfaces.get(name))))));
        }
        answer = ContractJson.writeCompact(Contract.merge(contracts));
        if (this.answers.size() < MAX_CACHED_ANSWERS) {
            this.answers.put(List.copyOf(exported), answer);
        }
        return answer;
    }

}
