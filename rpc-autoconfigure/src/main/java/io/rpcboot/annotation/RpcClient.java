package io.rpcboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose calls go to a remote rpcboot service. A proxy bean is
 * registered for it when it lies in the application's auto-configuration packages or in
 * packages named by {@link EnableRpcClients}; the endpoints come from
 * {@code rpc.client.services.<name>.*}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcClient {

    /**
     * The logical name of the remote service, the key under {@code rpc.client.services}.
     * @return the service name
     */
    String name();

}
