/**
 * The start-up measurement's application without rpcboot: the application of
 * {@code withstarter} with its component calling the local bean, on a class path without
 * rpcboot's jars.
 */
@NullMarked
package io.rpcboot.benchmarks.startup.withoutstarter;

import org.jspecify.annotations.NullMarked;
