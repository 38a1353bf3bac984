/**
 * The in-process test recipe of docs/testing.md, run as it is written there.
 */
@NullMarked
package io.rpcboot.inprocess.recipe;

import org.jspecify.annotations.NullMarked;
