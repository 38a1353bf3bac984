package io.rpcboot;

/**
 * Intercepts calls a server receives, on the thread that runs the call, before the
 * arguments are read: a rejection costs no deserialization. The request metadata is
 * read-only; response metadata may be added.
 */
@FunctionalInterface
public interface RpcServerInterceptor extends RpcInterceptor {

}
