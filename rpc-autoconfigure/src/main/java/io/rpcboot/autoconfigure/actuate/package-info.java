/**
 * Actuator support: the {@code rpc} endpoint and health contributor.
 */
@NullMarked
package io.rpcboot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
