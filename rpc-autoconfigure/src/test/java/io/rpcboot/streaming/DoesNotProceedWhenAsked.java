package io.rpcboot.streaming;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;

/**
 * A server interceptor that does what the call's {@link #MODE} metadata asks:
 * {@code reject} throws {@code PERMISSION_DENIED}, {@code answer} returns a replacement
 * publisher without proceeding; anything else proceeds.
 */
final class DoesNotProceedWhenAsked implements RpcServerInterceptor {

    /** The metadata key (an HTTP header) that asks the interceptor not to proceed. */
    static final String MODE = "intercept";

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        String mode = call.requestMetadata().get(MODE);
        if ("reject".equals(mode)) {
            throw new RpcException(RpcStatus.PERMISSION_DENIED, "rejected by the interceptor");
        }
        if ("answer".equals(mode)) {
            return Flux.just(7, 8); // a replacement, without proceeding
        }
        return next.proceed();
    }

}
