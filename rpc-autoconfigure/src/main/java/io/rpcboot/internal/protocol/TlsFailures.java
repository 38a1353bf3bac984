package io.rpcboot.internal.protocol;

import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Says in a few words why a TLS handshake failed, for the caller's exception and the
 * server's log: the JDK's exceptions name the symptom deep in a chain of causes ("PKIX
 * path building failed"), not what to check.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * Explains a handshake failure.
     * @param failure what the TLS engine or the channel reported
     * @return a short explanation that ends with the JDK's own words
     */
    public static String explain(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            deepest = cause;
            String explained = explainOne(cause);
            if (explained != null) {
                return explained;
            }
        }
        return String.valueOf(deepest.getMessage());
    }

    private static @Nullable String explainOne(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                || message.contains("PKIX path")) {
            return "unknown certificate authority: the peer's certificate is not signed by a CA this side trusts ("
                    + message + ")";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "host name mismatch: the server's certificate does not name the host this client connected to ("
                    + message + ")";
        }
        if (message.contains("Empty client certificate chain") || message.contains("null cert chain")) {
            return "the server requires a client certificate (mutual TLS) and the client sent none it trusts ("
                    + message + ")";
        }
        if (message.contains("certificate_required") || message.contains("bad_certificate")) {
            return "the server requires a client certificate it trusts (mutual TLS): this client sent none, or one"
                    + " of a certificate authority the server does not trust (" + message + ")";
        }
        if (message.contains("unknown_ca") || message.contains("certificate_unknown")) {
            return "the peer rejected this side's certificate: it does not trust its certificate authority (" + message
                    + ")";
        }
        if (message.contains("Insufficient buffer remaining for AEAD")) {
            // TLS 1.3: a peer that gives up mid-handshake sends its alert unencrypted
            return "the peer abandoned the handshake (it gave up waiting or closed the connection: " + message + ")";
        }
        if (cause instanceof NotSslRecordException) {
            return "the peer does not speak TLS (" + message + ")";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "no TLS handshake in time (" + message + ")";
        }
        if (cause instanceof ClosedChannelException) {
            return "the peer closed the connection during the TLS handshake; a server without TLS does that";
        }
        return null;
    }

}
