/**
 * Tests of what applications' own tests rely on: mocked remote services and AOT.
 */
@NullMarked
package io.rpcboot.testing;

import org.jspecify.annotations.NullMarked;
