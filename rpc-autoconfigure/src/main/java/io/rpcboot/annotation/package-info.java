/**
 * The annotations that export services and declare clients.
 */
@NullMarked
package io.rpcboot.annotation;

import org.jspecify.annotations.NullMarked;
