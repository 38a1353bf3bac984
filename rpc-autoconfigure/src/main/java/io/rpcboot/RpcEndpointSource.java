package io.rpcboot;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the endpoints of a remote service come from. rpcboot asks for a service's
 * endpoints when its first client is created, again every
 * {@code rpc.client.resolve-interval}, and soon after a connection to one of them fails
 * or closes; it connects to the addresses of the latest answer, keeps the connections of
 * addresses that stay, and lets the calls in flight on a removed address finish.
 *
 * <p>
 * rpcboot resolves {@code rpc.client.services.<name>.urls} through DNS, and uses Spring
 * Cloud's {@code DiscoveryClient} for a service without {@code urls} when one is in the
 * context. An application plugs another source by declaring a bean of this type: it is
 * then used, instead of the {@code DiscoveryClient}, for every service without
 * {@code urls}.
 */
@FunctionalInterface
public interface RpcEndpointSource {

    /**
     * Returns the current endpoints of a service. Called on a thread of rpcboot's own,
     * never on a caller's, so an implementation may block for a short while.
     * @param service the logical service name, as in {@code @RpcClient(name = ...)}
     * @return the addresses to connect to, resolved; empty when the service has no
     * instance right now (its calls then fail with {@link RpcStatus#UNAVAILABLE}). A
     * failed stage keeps the endpoints of the previous answer.
     */
    CompletionStage<List<InetSocketAddress>> endpoints(String service);

}
