package io.rpcboot.autoconfigure;

import java.util.List;

/**
 * Finds the services the server exports. The default exports {@code @RpcService} beans;
 * declare a bean of this type to choose differently.
 */
@FunctionalInterface
public interface RpcServiceDiscoverer {

    /**
     * Returns the services to export.
     * @return the services, empty when there is nothing to export
     */
    List<ExportedService> discover();

}
