package io.rpcboot;

/**
 * Intercepts calls a client makes, on the caller's thread, before the request is written:
 * request metadata added here travels with it.
 */
@FunctionalInterface
public interface RpcClientInterceptor extends RpcInterceptor {

}
