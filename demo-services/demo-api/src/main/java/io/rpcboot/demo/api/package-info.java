/**
 * The contract between the demo services: the remote interfaces, the records they
 * exchange and the business exceptions they declare.
 */
@NullMarked
package io.rpcboot.demo.api;

import org.jspecify.annotations.NullMarked;
