/**
 * The Spring MVC server's caller, an HTTP interface client in a Spring Boot application.
 */
@NullMarked
package io.rpcboot.benchmarks.mvc.client;

import org.jspecify.annotations.NullMarked;
