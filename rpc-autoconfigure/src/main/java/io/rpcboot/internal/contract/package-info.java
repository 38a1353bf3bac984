/**
 * Contracts of service interfaces: a description of each method's key, parameter and
 * result schemas and declared exceptions, its JSON form ({@code rpc-contract.json}), and
 * the rules that say which changes break callers built against an older description.
 */
@NullMarked
package io.rpcboot.internal.contract;

import org.jspecify.annotations.NullMarked;
