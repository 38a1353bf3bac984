package io.rpcboot.autoconfigure.security;

/**
 * Customizes which calls the rpc server lets through without credentials. Declare one or
 * more as beans: <pre class="code">
 * &#64;Bean
 * RpcSecurityCustomizer publicCatalog() {
 *     return (rules) -&gt; rules.service(Catalog.class).permitAll()
 *         .method(Inventory.class, "ping").permitAll();
 * }
 * </pre>
 */
@FunctionalInterface
public interface RpcSecurityCustomizer {

    /**
     * Customizes the rules.
     * @param rules the rules, where every call needs credentials until told otherwise
     */
    void customize(RpcAuthorizationRules rules);

}
