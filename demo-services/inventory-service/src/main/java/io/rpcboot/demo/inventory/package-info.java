/**
 * The inventory service: stock levels and reservations, exported over rpcboot.
 */
@NullMarked
package io.rpcboot.demo.inventory;

import org.jspecify.annotations.NullMarked;
