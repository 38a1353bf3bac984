package io.rpcboot.internal.server;

/**
 * Thrown when a server cannot serve in-process under its name because another server in
 * the same JVM already does.
 */
public final class InProcessNameTakenException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param name the in-process name
     * @param cause why binding the name failed
     */
    InProcessNameTakenException(String name, Throwable cause) {
        super("Could not serve in-process as '" + name + "': " + cause.getMessage()
                + "; another rpcboot server in this JVM serves that name", cause);
    }

}
