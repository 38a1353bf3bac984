package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.contract.BreakingChange;
import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractComparison;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.contract.ContractJson;
import io.rpcboot.internal.contract.ServiceContract;

/**
 * The contract check of one logical service: compares the client's interfaces with the
 * description that each endpoint's server sends once per connection, and keeps the result
 * of each endpoint.
 *
 * <p>
 * The client's interfaces play the contract callers were built against and the server's
 * description the newer one: arguments go from the client's types to the server's, and
 * results from the server's to the client's, so one comparison catches a server that
 * moved on and a client built against a newer interface than the server's (a method the
 * server lacks is {@value ContractComparison#METHOD_REMOVED}). An endpoint's incompatible
 * methods are logged when its result changes (its first connection, or a server deployed
 * with another contract), not again on every new connection to the same server. Only the
 * endpoints the service has are recorded: an answer still on its way when its endpoint
 * left the service records nothing.
 */
final class ContractCheck {

    /** The id of the one DESCRIBE a connection sends. */
    static final int DESCRIBE_ID = 1;

    private static final Logger logger = LoggerFactory.getLogger(ContractCheck.class);

    private final String serviceLabel;

    private final ContractCheckMode mode;

    private final ContractDescriber describer;

    private final Set<Class<?>> interfaces = new CopyOnWriteArraySet<>();

    /** The description of each client interface, made once. */
    private final Map<Class<?>, Contract> ownContracts = new ConcurrentHashMap<>();

    private final Map<EndpointAddress, ContractCheckResult> results = new ConcurrentHashMap<>();

    /** The endpoints the service has, whose results are recorded; guarded by this. */
    private final Set<EndpointAddress> endpoints = new HashSet<>();

    /** The metadata of the DESCRIBE: the service's credentials, empty for none. */
    private final Map<String, String> describeMetadata;

    ContractCheck(String serviceLabel, ContractCheckMode mode, ContractDescriber describer,
            Map<String, String> describeMetadata) {
        this.serviceLabel = serviceLabel;
        this.mode = mode;
        this.describer = describer;
        this.describeMetadata = describeMetadata;
    }

    /**
     * Adds an interface whose calls go to the service; it is described before the first
     * connection that checks it opens ({@link #describeInterfaces()}), not with its
     * proxy: an application's start-up does not describe interfaces before they are used.
     * @param clientInterface the interface
     */
    void addInterface(Class<?> clientInterface) {
        this.interfaces.add(clientInterface);
    }

    /**
     * Describes the interfaces not described yet, on the thread that opens a connection,
     * rather than on the connection's event loop when the server's description arrives.
     */
    void describeInterfaces() {
        for (Class<?> clientInterface : this.interfaces) {
            if (this.ownContracts.containsKey(clientInterface)) {
                continue;
            }
            try {
                ownContract(clientInterface);
            }
            catch (RuntimeException | LinkageError ex) {
                // a type it names may be missing (a Flux without Reactor): creating the
                // proxy says so; compared later, this interface's check is reported
                // unknown
                logger.debug("Cannot describe {}: {}", clientInterface.getName(), ex.toString());
            }
        }
    }

    ContractCheckMode mode() {
        return this.mode;
    }

    /**
     * Returns the names of the services a DESCRIBE asks about.
     * @return the client interfaces' names
     */
    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        this.interfaces.forEach((type) -> names.add(type.getName()));
        names.sort(null);
        return names;
    }

    /**
     * Returns the metadata a DESCRIBE carries: the service's credentials, which a server
     * that authenticates its callers checks before it describes its services.
     * @return the metadata, empty for none
     */
    Map<String, String> describeMetadata() {
        return this.describeMetadata;
    }

    /**
     * Records that the server of a connection refused to describe its services to this
     * client (it authenticates its callers): the contract could not be checked, and calls
     * go on.
     * @param endpoint the endpoint
     * @param status the status of the refusal
     * @param message the server's message
     */
    void refused(EndpointAddress endpoint, RpcStatus status, String message) {
        String hint = (status == RpcStatus.UNAUTHENTICATED) ? "; the DESCRIBE carries the credentials of "
                + "rpc.client.services." + this.serviceLabel + ".auth.* (basic or bearer-token)" : "";
        ContractCheckResult result = ContractCheckResult
            .unknown("the server refused to describe its services: " + status + ": " + message + hint);
        if (!result.equals(this.results.get(endpoint))) {
            // unlike an older server's silence, a refusal is a configuration to fix
            logger.warn("Service '{}' at {}: contract not checked: {}", this.serviceLabel, endpoint, result.reason());
        }
        record(endpoint, result);
    }

    /**
     * Records that the server of a connection sent a description larger than the client
     * reads: the contract could not be checked, and calls go on. Logged as a warning when
     * the endpoint's result changes (a setting to raise), not on every connection.
     * @param endpoint the endpoint
     * @param length the description's length in bytes, as its frame announced it
     * @param maxMessageSize the client's limit
     */
    void tooLarge(EndpointAddress endpoint, long length, int maxMessageSize) {
        ContractCheckResult result = ContractCheckResult
            .unknown("the server's description of " + length + " bytes is over the client's limit of " + maxMessageSize
                    + " bytes: raise rpc.client.max-message-size to check the contract");
        if (!result.equals(this.results.get(endpoint))) {
            logger.warn("Service '{}' at {}: contract not checked: {}", this.serviceLabel, endpoint, result.reason());
        }
        record(endpoint, result);
    }

    /**
     * Records that the server of a connection does not answer DESCRIBE.
     * @param endpoint the endpoint
     */
    void unsupported(EndpointAddress endpoint) {
        record(endpoint, ContractCheckResult
            .unknown("the server does not describe its services (it does not announce DESCRIBE)"));
    }

    /**
     * Compares the client's interfaces with a server's description; on the connection's
     * event loop.
     * @param endpoint the endpoint that sent it
     * @param json the description, empty when the server sent none
     * @return the messages that fail the incompatible methods' calls on the connection,
     * by service name and method key, or {@code null} when no call is to fail
     */
    @Nullable Map<String, Map<String, String>> described(EndpointAddress endpoint, String json) {
        if (json.isEmpty()) {
            record(endpoint, ContractCheckResult.unknown("the server sent no description: it is larger than "
                    + "rpc.client.max-message-size, or the server could not describe its services"));
            return null;
        }
        Contract own;
        Contract server;
        try {
            own = ownContract();
            server = ContractJson.read(json);
        }
        catch (RuntimeException | LinkageError ex) {
            record(endpoint, ContractCheckResult.unknown("the description cannot be compared: " + ex));
            return null;
        }
        List<BreakingChange> changes = ContractComparison.breakingChanges(own, server);
        Map<String, List<String>> incompatible = new TreeMap<>();
        for (BreakingChange change : changes) {
            String rule = change.detail().isEmpty() ? change.rule() : change.rule() + " (" + change.detail() + ")";
            for (String key : keysOf(change, own)) {
                incompatible.computeIfAbsent(change.service() + "." + key, (method) -> new ArrayList<>()).add(rule);
            }
        }
        ContractCheckResult result = incompatible.isEmpty()
                ? new ContractCheckResult(ContractCheckResult.Status.COMPATIBLE, Map.of(), null)
                : new ContractCheckResult(ContractCheckResult.Status.INCOMPATIBLE, incompatible, null);
        record(endpoint, result);
        if (this.mode != ContractCheckMode.FAIL || incompatible.isEmpty()) {
            return null;
        }
        Map<String, Map<String, String>> refused = new HashMap<>();
        for (BreakingChange change : changes) {
            for (String key : keysOf(change, own)) {
                String method = change.service() + "." + key;
                refused.computeIfAbsent(change.service(), (service) -> new HashMap<>())
                    .put(key,
                            "the call to " + method + " was not sent: it is incompatible with the server at " + endpoint
                                    + ": " + String.join("; ", incompatible.get(method))
                                    + " (rpc.client.contract-check=fail)");
            }
        }
        return refused;
    }

    /**
     * Records that an endpoint joined the service: its server's answers are recorded from
     * now on.
     * @param endpoint the endpoint
     */
    synchronized void track(EndpointAddress endpoint) {
        this.endpoints.add(endpoint);
    }

    /**
     * Drops the result of an endpoint that left the service, and any answer of its server
     * that comes later, so that the results do not grow with every endpoint discovery
     * ever reported.
     * @param endpoint the endpoint
     */
    synchronized void forget(EndpointAddress endpoint) {
        this.endpoints.remove(endpoint);
        this.results.remove(endpoint);
    }

    /**
     * Returns the results of the endpoints checked so far.
     * @return the results by endpoint
     */
    Map<EndpointAddress, ContractCheckResult> results() {
        return this.results;
    }

    /** The method keys a change concerns: one, or every method of a missing service. */
    private static List<String> keysOf(BreakingChange change, Contract own) {
        if (change.method() != null) {
            return List.of(change.method());
        }
        ServiceContract service = own.services().get(change.service());
        return (service != null) ? List.copyOf(service.methods().keySet()) : List.of();
    }

    private Contract ownContract() {
        List<Contract> contracts = new ArrayList<>();
        for (Class<?> type : this.interfaces) {
            contracts.add(ownContract(type));
        }
        return Contract.merge(contracts);
    }

    private Contract ownContract(Class<?> clientInterface) {
        return this.ownContracts.computeIfAbsent(clientInterface, (type) -> this.describer.describe(List.of(type)));
    }

    private void record(EndpointAddress endpoint, ContractCheckResult result) {
        ContractCheckResult previous;
        synchronized (this) {
            if (!this.endpoints.contains(endpoint)) {
                logger.debug("Service '{}' at {}: the endpoint left the service: its contract check is not kept",
                        this.serviceLabel, endpoint);
                return;
            }
            previous = this.results.put(endpoint, result);
        }
        if (result.equals(previous)) {
            return;
        }
        if (result.status() == ContractCheckResult.Status.INCOMPATIBLE) {
            String consequence = (this.mode == ContractCheckMode.FAIL) ? "calls to it fail with NOT_FOUND"
                    : "calls to it are sent";
            result.incompatibleMethods()
                .forEach((method, rules) -> logger.warn(
                        "Service '{}' at {}: {} is incompatible with the server's: {}; {} (rpc.client.contract-check={})",
                        this.serviceLabel, endpoint, method, String.join("; ", rules), consequence,
                        this.mode.name().toLowerCase(Locale.ROOT)));
        }
        else if (result.status() == ContractCheckResult.Status.UNKNOWN) {
            logger.debug("Service '{}' at {}: contract not checked: {}", this.serviceLabel, endpoint, result.reason());
        }
        else {
            logger.debug("Service '{}' at {}: the server's contract is compatible", this.serviceLabel, endpoint);
        }
    }

}
