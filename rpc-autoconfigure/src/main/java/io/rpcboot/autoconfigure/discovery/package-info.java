/**
 * Endpoints from Spring Cloud's {@code DiscoveryClient} (Consul, Eureka, Kubernetes,
 * Zookeeper), when spring-cloud-commons is on the classpath.
 */
@NullMarked
package io.rpcboot.autoconfigure.discovery;

import org.jspecify.annotations.NullMarked;
