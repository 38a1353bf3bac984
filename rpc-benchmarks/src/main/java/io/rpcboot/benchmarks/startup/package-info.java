/**
 * The start-up measurement's applications: one Spring Boot application with rpcboot's
 * starter ({@code withstarter}) and the same application without it
 * ({@code withoutstarter}), and what both use to report when they are ready. Nothing in
 * this package refers to an rpcboot type: the application without the starter runs on a
 * class path without rpcboot.
 */
@NullMarked
package io.rpcboot.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
