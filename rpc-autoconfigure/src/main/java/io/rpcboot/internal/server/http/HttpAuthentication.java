package io.rpcboot.internal.server.http;

import io.rpcboot.internal.server.DescriptionAccess;

/**
 * What the HTTP transport needs from the server's authentication, besides the server
 * interceptor that authenticates calls: the check of requests for the description of the
 * services ({@code GET /} and {@code GET /openapi.json}), which is no call, and the
 * {@code WWW-Authenticate} challenge of its {@code 401} answers.
 */
public interface HttpAuthentication extends DescriptionAccess {

    /**
     * Returns the value of the {@code WWW-Authenticate} header of {@code 401} answers.
     * @return the challenge, for example {@code Basic realm="rpc", Bearer}
     */
    String challenge();

}
