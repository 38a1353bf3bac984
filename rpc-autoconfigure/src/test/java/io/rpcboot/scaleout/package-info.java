/**
 * Tests of services with several endpoints: names, discovery and endpoint health.
 */
@NullMarked
package io.rpcboot.scaleout;

import org.jspecify.annotations.NullMarked;
