package io.rpcboot.internal.server.http;

import java.io.IOException;
import java.net.SocketAddress;

import io.netty.handler.codec.PrematureChannelClosureException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why an HTTP connection closes, in one line: at {@code DEBUG} for a reset, a client
 * that went away in the middle of a request, or an error after the connection began to
 * close; at {@code WARN} for anything else, its stack trace then at {@code DEBUG}.
 */
final class HttpCloseLog {

    // under the connection's name, where users look for why connections close
    private static final Logger logger = LoggerFactory.getLogger(HttpConnection.class);

    private HttpCloseLog() {
    }

    /**
     * Logs an error of the channel or its codecs.
     * @param remote the client's address
     * @param closing whether the connection was closing already
     * @param cause the error
     */
    static void error(@Nullable SocketAddress remote, boolean closing, Throwable cause) {
        if (closing) {
            logger.debug("HTTP connection from {} already closing: {}", remote, cause.toString());
        }
        else if (isPeerGone(cause)) {
            logger.debug("Closing HTTP connection from {}: {}", remote, cause.toString());
        }
        else {
            logger.warn("Closing HTTP connection from {} after an error: {}", remote, cause.toString());
            logger.debug("The error that closed the HTTP connection from {}", remote, cause);
        }
    }

    /**
     * Logs a failure that leaves the connection unable to answer in turn.
     * @param remote the client's address
     * @param closing whether the connection was closing already
     * @param what what failed
     * @param cause why
     */
    static void failure(@Nullable SocketAddress remote, boolean closing, String what, Throwable cause) {
        if (closing) {
            logger.debug("HTTP connection from {} already closing: {}: {}", remote, what, cause.toString());
        }
        else if (isPeerGone(cause)) {
            logger.debug("Closing HTTP connection from {}: {}: {}", remote, what, cause.toString());
        }
        else {
            logger.warn("Closing HTTP connection from {}: {}: {}", remote, what, cause.toString());
            logger.debug("The failure that closed the HTTP connection from {}", remote, cause);
        }
    }

    private static boolean isPeerGone(Throwable cause) {
        return cause instanceof IOException || cause instanceof PrematureChannelClosureException;
    }

}
