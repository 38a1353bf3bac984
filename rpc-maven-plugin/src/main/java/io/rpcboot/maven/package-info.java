/**
 * The goals of the rpcboot Maven plugin: {@code rpc:contract} writes the contract of a
 * module's service interfaces, {@code rpc:check} fails the build on changes that break
 * callers of a baseline contract.
 */
@NullMarked
package io.rpcboot.maven;

import org.jspecify.annotations.NullMarked;
