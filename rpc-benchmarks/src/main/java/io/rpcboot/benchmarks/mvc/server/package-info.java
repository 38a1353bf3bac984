/**
 * The Spring MVC server on Tomcat.
 */
@NullMarked
package io.rpcboot.benchmarks.mvc.server;

import org.jspecify.annotations.NullMarked;
