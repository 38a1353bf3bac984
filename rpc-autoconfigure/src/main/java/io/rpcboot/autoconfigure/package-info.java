/**
 * Spring Boot auto-configuration of rpcboot: properties, the server's lifecycle and the
 * client beans.
 */
@NullMarked
package io.rpcboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
