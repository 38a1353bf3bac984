/**
 * The order service: a REST API that places orders by calling the catalog and inventory
 * services over rpcboot.
 */
@NullMarked
package io.rpcboot.demo.order;

import org.jspecify.annotations.NullMarked;
