/**
 * The public API of rpcboot: the exception and status a caller sees, and the call
 * context.
 */
@NullMarked
package io.rpcboot;

import org.jspecify.annotations.NullMarked;
