/**
 * Internal to rpcboot, not an API: it may change in any release. This package holds
 * helpers that depend on nothing else in rpcboot, so that the public API and the runtime
 * can share them; the runtime itself is in the sub-packages.
 */
@NullMarked
package io.rpcboot.internal;

import org.jspecify.annotations.NullMarked;
