package io.rpcboot.security;

/**
 * A method that two services inherit, one open to anonymous callers and one not.
 */
public interface Greeting {

    String hello();

}
