package io.rpcboot.internal.contract;

import org.jspecify.annotations.Nullable;

/**
 * A change between two contracts that breaks callers built against the older one.
 *
 * @param service the fully qualified name of the service interface
 * @param method the key of the method in the older contract, {@code null} when the whole
 * service is concerned
 * @param rule the rule broken, one of {@link ContractComparison}'s constants, such as
 * {@value ContractComparison#METHOD_REMOVED}
 * @param detail what changed, where: a parameter, a property path, a constant
 */
public record BreakingChange(String service, @Nullable String method, String rule, String detail) {

    @Override
    public String toString() {
        String where = (this.method != null) ? this.service + "." + this.method : this.service;
        return where + ": " + this.rule + (this.detail.isEmpty() ? "" : " (" + this.detail + ")");
    }

}
