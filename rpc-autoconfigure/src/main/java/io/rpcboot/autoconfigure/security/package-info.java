/**
 * Spring Security for the rpc server: authentication of callers, the security context of
 * calls, and the rules that say which services need credentials.
 */
@NullMarked
package io.rpcboot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
