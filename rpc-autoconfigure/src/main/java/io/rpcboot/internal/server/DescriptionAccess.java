package io.rpcboot.internal.server;

import java.util.Map;

import io.rpcboot.RpcException;

/**
 * Who may read the description of the server's services (a DESCRIBE over the binary
 * protocol, {@code GET /} and {@code GET /openapi.json} over HTTP): the server's
 * authentication, when it has one. A description is no call, so the server interceptors
 * that authenticate calls do not see it.
 */
public interface DescriptionAccess {

    /**
     * Checks a request for the description of the services. Runs on a thread of the
     * server's executor, never on an I/O thread: checking credentials may be slow (a
     * password hash, a key set fetched).
     * @param metadata the request's metadata (over HTTP, its headers)
     * @throws RpcException with {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} when
     * the caller may not read the description
     */
    void checkDescription(Map<String, String> metadata);

}
