/**
 * The catalog service: products and prices, exported over rpcboot.
 */
@NullMarked
package io.rpcboot.demo.catalog;

import org.jspecify.annotations.NullMarked;
