package io.rpcboot.autoconfigure.security;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Which calls the rpc server runs without credentials, in the style of Spring Security's
 * {@code authorizeHttpRequests}: every service and method needs an authenticated caller
 * unless a rule permits it, and so does the description of the services ({@code GET /}).
 * Finer decisions (roles, arguments) belong to method security ({@code @PreAuthorize}) on
 * the service. A call that comes with credentials is always authenticated, permitted or
 * not: bad credentials are refused with {@code UNAUTHENTICATED}. The last rule given for
 * a service or method wins; a method rule wins over its service's.
 */
public final class RpcAuthorizationRules {

    private final Map<String, Boolean> services = new HashMap<>();

    private final Map<String, Map<String, Boolean>> methods = new HashMap<>();

    private boolean description;

    RpcAuthorizationRules() {
    }

    /**
     * Starts a rule for every method of a service interface.
     * @param serviceInterface the exported interface
     * @return the rule, to finish with {@code permitAll()} or {@code authenticated()}
     */
    public Rule service(Class<?> serviceInterface) {
        String service = serviceInterface.getName();
        return new Rule((permit) -> this.services.put(service, permit));
    }

    /**
     * Starts a rule for the methods of a service interface with the given name (every
     * overload).
     * @param serviceInterface the exported interface
     * @param methodName the name of the method
     * @return the rule, to finish with {@code permitAll()} or {@code authenticated()}
     * @throws IllegalArgumentException when the interface has no method of that name
     */
    public Rule method(Class<?> serviceInterface, String methodName) {
        boolean exists = false;
        for (Method method : serviceInterface.getMethods()) {
            exists |= method.getName().equals(methodName);
        }
        if (!exists) {
            throw new IllegalArgumentException(
                    "RpcAuthorizationRules: " + serviceInterface.getName() + " has no method " + methodName);
        }
        String service = serviceInterface.getName();
        return new Rule(
                (permit) -> this.methods.computeIfAbsent(service, (key) -> new HashMap<>()).put(methodName, permit));
    }

    /**
     * Starts a rule for the description of the services (DESCRIBE over the binary
     * protocol, {@code GET /} and {@code GET /openapi.json} over HTTP).
     * @return the rule, to finish with {@code permitAll()} or {@code authenticated()}
     */
    public Rule description() {
        return new Rule((permit) -> this.description = permit);
    }

    /**
     * Returns whether a call of the given method may come without credentials.
     * @param service the name of the exported interface
     * @param method the method called
     * @return whether it is permitted to anyone
     */
    boolean permitsAll(String service, Method method) {
        Map<String, Boolean> byMethod = this.methods.get(service);
        Boolean permit = (byMethod != null) ? byMethod.get(method.getName()) : null;
        if (permit == null) {
            permit = this.services.get(service);
        }
        return permit != null && permit;
    }

    /**
     * Returns whether the description of the services may be read without credentials.
     * @return whether it is permitted to anyone
     */
    boolean permitsDescription() {
        return this.description;
    }

    @Override
    public String toString() {
        return "RpcAuthorizationRules permitAll: services " + this.services + ", methods " + this.methods
                + ", description " + this.description;
    }

    /**
     * A rule being written.
     */
    public final class Rule {

        private final Setter setter;

        private Rule(Setter setter) {
            this.setter = setter;
        }

        /**
         * Lets calls in without credentials; they run with an anonymous authentication,
         * as Spring Security's web requests do.
         * @return the rules, to go on
         */
        public RpcAuthorizationRules permitAll() {
            this.setter.set(true);
            return RpcAuthorizationRules.this;
        }

        /**
         * Requires an authenticated caller (the default).
         * @return the rules, to go on
         */
        public RpcAuthorizationRules authenticated() {
            this.setter.set(false);
            return RpcAuthorizationRules.this;
        }

    }

    @FunctionalInterface
    private interface Setter {

        void set(boolean permit);

    }

}
