package io.rpcboot.observation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcStatus;

/**
 * Names of rpcboot's observations and their keys, and the key values of each method
 * computed once (one set per status), so that observing a call builds no strings.
 */
public final class RpcObservations {

    /** Name of the observation of calls a server receives. */
    public static final String SERVER_REQUESTS = "rpc.server.requests";

    /** Name of the observation of calls a client makes. */
    public static final String CLIENT_REQUESTS = "rpc.client.requests";

    /** Key: the RPC system, always {@code rpcboot}. */
    public static final String RPC_SYSTEM = "rpc.system";

    /** Key: the fully qualified name of the service interface. */
    public static final String RPC_SERVICE = "rpc.service";

    /** Key: the method name. */
    public static final String RPC_METHOD = "rpc.method";

    /** Key: {@code OK} or the {@link RpcStatus} the call failed with. */
    public static final String RPC_STATUS = "rpc.status";

    /**
     * High-cardinality key of a stream call: the number of stream messages it sent (the
     * server: result elements; the client: elements of its stream argument).
     */
    public static final String RPC_MESSAGES_SENT = "rpc.messages.sent";

    /**
     * High-cardinality key of a stream call: the number of stream messages it received
     * (the server: elements of the client's stream; the client: result elements).
     */
    public static final String RPC_MESSAGES_RECEIVED = "rpc.messages.received";

    private static final KeyValue SYSTEM = KeyValue.of(RPC_SYSTEM, "rpcboot");

    private final Map<Method, PerMethod> perMethod = new ConcurrentHashMap<>();

    RpcObservations() {
    }

    /**
     * Returns the low-cardinality key values of a call that ended with the given status.
     * @param call the call
     * @param status its status
     * @return the key values
     */
    // an index into this JVM's array, never stored or sent
    @SuppressWarnings("EnumOrdinal")
    KeyValues keyValues(RpcCall call, RpcStatus status) {
        return forMethod(call).byStatus[status.ordinal()];
    }

    /**
     * Returns the high-cardinality key values of a call: the message counts of a stream
     * call that ended, none otherwise.
     * @param call the call
     * @return the key values
     */
    static KeyValues messageCounts(RpcCall call) {
        Object sent = call.getAttribute(RPC_MESSAGES_SENT);
        Object received = call.getAttribute(RPC_MESSAGES_RECEIVED);
        if (sent == null || received == null) {
            return KeyValues.empty();
        }
        return KeyValues.of(RPC_MESSAGES_SENT, sent.toString(), RPC_MESSAGES_RECEIVED, received.toString());
    }

    /**
     * Returns the contextual name of a call (the span name): {@code service/method}.
     * @param call the call
     * @return the name
     */
    String contextualName(RpcCall call) {
        return forMethod(call).contextualName;
    }

    private PerMethod forMethod(RpcCall call) {
        PerMethod found = this.perMethod.get(call.method());
        return (found != null) ? found
                : this.perMethod.computeIfAbsent(call.method(), (method) -> new PerMethod(call.service(), method));
    }

    static IllegalStateException noCall() {
        return new IllegalStateException("An rpcboot observation context always has its call");
    }

    private static final class PerMethod {

        private final String contextualName;

        private final KeyValues[] byStatus;

        // an index into this JVM's array, never stored or sent
        @SuppressWarnings("EnumOrdinal")
        PerMethod(String service, Method method) {
            this.contextualName = service + "/" + method.getName();
            KeyValues base = KeyValues.of(SYSTEM, KeyValue.of(RPC_SERVICE, service),
                    KeyValue.of(RPC_METHOD, method.getName()));
            RpcStatus[] statuses = RpcStatus.values();
            this.byStatus = new KeyValues[statuses.length];
            for (RpcStatus status : statuses) {
                this.byStatus[status.ordinal()] = base.and(KeyValue.of(RPC_STATUS, status.name()));
            }
        }

    }

}
