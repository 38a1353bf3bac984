/**
 * The container health check of the demo services' images.
 */
@NullMarked
package io.rpcboot.demo.healthcheck;

import org.jspecify.annotations.NullMarked;
