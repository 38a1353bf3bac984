package io.rpcboot.autoconfigure;

/**
 * A service interface and the object that implements it, called as given (an AOP proxy
 * stays a proxy, so its advice applies to remote calls).
 *
 * @param serviceInterface the exported interface
 * @param implementation the object whose methods run the calls
 */
public record ExportedService(Class<?> serviceInterface, Object implementation) {

    /**
     * Validates the pair.
     */
    public ExportedService {
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(serviceInterface.getName() + " is not an interface");
        }
        if (!serviceInterface.isInstance(implementation)) {
            throw new IllegalArgumentException(
                    implementation.getClass().getName() + " does not implement " + serviceInterface.getName());
        }
    }

}
