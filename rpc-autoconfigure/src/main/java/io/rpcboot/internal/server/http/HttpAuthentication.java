package io.rpcboot.internal.server.http;

import java.util.Map;

import io.rpcboot.RpcException;

/**
 * What the HTTP transport needs from the server's authentication, besides the server
 * interceptor that authenticates calls: a check of requests for the description of the
 * services ({@code GET /} and {@code GET /openapi.json}), which is no call, and the
 * {@code WWW-Authenticate} challenge of its {@code 401} answers.
 */
public interface HttpAuthentication {

    /**
     * Checks a request for the description of the services. Runs on a thread of the
     * server's executor, never on an I/O thread: checking credentials may be slow (a
     * password hash, a key set fetched).
     * @param metadata the request's metadata (its headers)
     * @throws RpcException with {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} when
     * the caller may not read the description
     */
    void checkDescription(Map<String, String> metadata);

    /**
     * Returns the value of the {@code WWW-Authenticate} header of {@code 401} answers.
     * @return the challenge, for example {@code Basic realm="rpc", Bearer}
     */
    String challenge();

}
