package io.rpcboot.internal.server.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

import io.rpcboot.internal.server.ConnectionProtocol.Recognition;
import io.rpcboot.internal.server.ConnectionProtocol;

/**
 * Recognises HTTP/1.1 by a connection's first bytes: an HTTP method and a space.
 */
final class HttpMethods {

    private static final byte[][] METHODS = { ascii("GET "), ascii("POST "), ascii("PUT "), ascii("DELETE "),
            ascii("HEAD "), ascii("OPTIONS "), ascii("PATCH "), ascii("TRACE "), ascii("CONNECT ") };

    private HttpMethods() {
    }

    /**
     * Tells whether the first bytes of a connection start an HTTP/1.1 request.
     * @param firstBytes the bytes read so far; not consumed
     * @return whether they do, or {@link Recognition#MAYBE} when more bytes are needed to
     * tell
     */
    static Recognition recognise(ByteBuf firstBytes) {
        boolean undecided = false;
        for (byte[] method : METHODS) {
            Recognition recognition = ConnectionProtocol.startsWith(firstBytes, method);
            if (recognition == Recognition.YES) {
                return Recognition.YES;
            }
            undecided |= recognition == Recognition.MAYBE;
        }
        return undecided ? Recognition.MAYBE : Recognition.NO;
    }

    private static byte[] ascii(String token) {
        return token.getBytes(StandardCharsets.US_ASCII);
    }

}
