package io.rpcboot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

import io.rpcboot.internal.client.ClientTls;

/**
 * Resolves how a client calls each service: over TLS with the service's own bundle
 * ({@code rpc.client.services.<name>.ssl.bundle}), else with the default bundle
 * ({@code rpc.client.ssl.bundle}), else in plaintext.
 */
final class RpcClientTls {

    private final RpcProperties.Client client;

    private final RpcSslContexts sslContexts;

    RpcClientTls(RpcProperties.Client client, RpcSslContexts sslContexts) {
        this.client = client;
        this.sslContexts = sslContexts;
    }

    /**
     * Returns the TLS settings of a service.
     * @param serviceName the service's name
     * @param service its properties
     * @return the settings, {@code null} for plaintext
     * @throws IllegalStateException naming the property whose bundle is missing or
     * unusable
     */
    @Nullable ClientTls forService(String serviceName, RpcProperties.@Nullable Service service) {
        RpcProperties.Service.Ssl ssl = (service != null) ? service.getSsl() : new RpcProperties.Service.Ssl();
        String property = "rpc.client.services." + serviceName + ".ssl.bundle";
        String bundle = ssl.getBundle();
        if (!StringUtils.hasText(bundle)) {
            property = "rpc.client.ssl.bundle";
            bundle = this.client.getSsl().getBundle();
        }
        if (!StringUtils.hasText(bundle)) {
            return null;
        }
        Boolean serviceVerifies = ssl.getVerifyHostname();
        boolean verifyHostname = (serviceVerifies != null) ? serviceVerifies : this.client.getSsl().isVerifyHostname();
        return new ClientTls(this.sslContexts.client(property, bundle, verifyHostname), verifyHostname);
    }

}
