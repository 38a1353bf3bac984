package io.rpcboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-method options of a remote interface method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcMethod {

    /**
     * The timeout of calls to this method, as a duration string such as {@code "500ms"}
     * or {@code "2s"}. Empty means the service's or the client's default timeout.
     * @return the timeout
     */
    String timeout() default "";

    /**
     * Whether calling the method twice has the same effect as calling it once, which
     * makes the call safe to retry after failures that may have reached the server.
     * @return whether the method is idempotent
     */
    boolean idempotent() default false;

    /**
     * Whether the method may block its thread: wait for I/O, a lock, a remote call. Set
     * it to {@code false} for a method that never blocks (it computes from memory, or
     * returns a {@code CompletableFuture} whose work runs elsewhere): the server then
     * runs its calls on the I/O thread that read them, which saves two thread hand-offs
     * per call. A method declared non-blocking that does block stalls every connection
     * that shares its I/O thread.
     * @return whether the method may block
     */
    boolean blocking() default true;

}
