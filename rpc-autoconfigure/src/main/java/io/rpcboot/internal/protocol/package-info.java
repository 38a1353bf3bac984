/**
 * The rpcboot wire protocol: connection preface, frames and their codec, and payload
 * serialization. Described byte by byte in {@code docs/protocol.md}.
 */
@NullMarked
package io.rpcboot.internal.protocol;

import org.jspecify.annotations.NullMarked;
