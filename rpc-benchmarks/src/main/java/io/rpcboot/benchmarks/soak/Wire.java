package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.soak.server.SoakTargets;

/**
 * The bytes of rpcboot's wire protocol (docs/protocol.md) and of its HTTP access
 * (docs/http.md), written by hand as a hostile peer writes them, not with the production
 * codec.
 */
final class Wire {

    static final int SETTINGS = 1;

    static final int REQUEST = 2;

    static final int RESPONSE = 3;

    static final int PING = 6;

    /** Bytes of a frame header after its length field: type, flags and id. */
    static final int HEADER_AFTER_LENGTH = 6;

    /** The server's default largest frame length, {@code rpc.server.max-message-size}. */
    static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    static final String BENCH = BenchService.class.getName();

    static final String TARGETS = SoakTargets.class.getName();

    static final String ECHO = "echo(io.rpcboot.benchmarks.api.Item)";

    static final String ECHO_ARGUMENTS = "[{\"id\":1,\"name\":\"soak\",\"tags\":[\"a\"],\"price\":1.5}]";

    static final String PAUSE = "pause(int)";

    static final String HIT = "hit()";

    static final String FAIL = "fail(java.lang.String)";

    private static final String[] STATUS_NAMES = { "OK", "CANCELLED", "2", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
            "NOT_FOUND", "6", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED" };

    private Wire() {
    }

    /**
     * Returns the client's preface and its SETTINGS frame (JSON payloads, 4 MB messages).
     * @return the bytes
     */
    static byte[] opening() {
        Bytes settings = new Bytes().u16(1).u32(MAX_MESSAGE_SIZE).u16(2).u32(1);
        return new Bytes().u32(0x52504342).u8(1).raw(frame(SETTINGS, 0, 0, settings.toArray())).toArray();
    }

    static byte[] frame(int type, int flags, int id, byte[] body) {
        return new Bytes().u32(HEADER_AFTER_LENGTH + body.length).u8(type).u8(flags).u32(id).raw(body).toArray();
    }

    /**
     * Returns a frame header announcing a length its bytes need not match.
     * @param length the length announced
     * @param type the frame type
     * @param id the id
     * @return the ten bytes
     */
    static byte[] frameHeader(long length, int type, int id) {
        return new Bytes().u32((int) length).u8(type).u8(0).u32(id).toArray();
    }

    static byte[] ping(long payload) {
        return frame(PING, 0, 0, new Bytes().u32((int) (payload >>> 32)).u32((int) payload).toArray());
    }

    /**
     * Returns a REQUEST frame with JSON arguments.
     * @param id the request id
     * @param service the service
     * @param method the method key
     * @param timeoutMillis the u32 timeout
     * @param metadata the metadata
     * @param arguments the JSON arguments
     * @return the frame
     */
    static byte[] request(int id, String service, String method, long timeoutMillis, Map<String, String> metadata,
            String arguments) {
        Bytes body = new Bytes().str16(service).str16(method).u32((int) timeoutMillis).u16(metadata.size());
        metadata.forEach((key, value) -> body.str16(key).str16(value));
        return frame(REQUEST, 0, id, body.raw(arguments.getBytes(StandardCharsets.UTF_8)).toArray());
    }

    static byte[] request(int id, String service, String method, String arguments) {
        return request(id, service, method, 0, Map.of(), arguments);
    }

    /**
     * Returns an HTTP/1.1 POST of a method with JSON arguments.
     * @param service the service
     * @param method the method's name
     * @param extraHeaders header lines, each ending in CRLF
     * @param arguments the JSON arguments
     * @return the request
     */
    static byte[] httpPost(String service, String method, String extraHeaders, String arguments) {
        byte[] body = arguments.getBytes(StandardCharsets.UTF_8);
        return ("POST /" + service + "/" + method + " HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n" + extraHeaders + "\r\n" + arguments)
            .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] httpGetRoot() {
        return "GET / HTTP/1.1\r\nHost: soak\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads the server's preface and SETTINGS frame.
     * @param in the connection's input
     * @throws IOException when the connection fails or the server rejects it
     */
    static void readOpening(DataInputStream in) throws IOException {
        if (in.readInt() != 0x52504342 || in.readUnsignedByte() != 1) {
            throw new IOException("the server did not accept the preface");
        }
        readFrame(in);
    }

    /**
     * Reads frames until a RESPONSE comes, and returns its status's name.
     * @param in the connection's input
     * @return the status, such as {@code OK}
     * @throws IOException when the connection fails
     */
    static String readResponseStatus(DataInputStream in) throws IOException {
        while (true) {
            byte[] frame = readFrame(in);
            if (frame[0] == RESPONSE) {
                int status = frame[HEADER_AFTER_LENGTH] & 0xff;
                return switch (status) {
                    case 13 -> "INTERNAL";
                    case 14 -> "UNAVAILABLE";
                    case 100 -> "APPLICATION_ERROR";
                    default -> (status < STATUS_NAMES.length) ? STATUS_NAMES[status] : "status " + status;
                };
            }
        }
    }

    /** Reads one frame: its type, flags, id and body, without the length field. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        long length = Integer.toUnsignedLong(in.readInt());
        if (length < HEADER_AFTER_LENGTH || length > 64L * 1024 * 1024) {
            throw new IOException("implausible frame length " + length);
        }
        byte[] frame = new byte[(int) length];
        in.readFully(frame);
        return frame;
    }

    /**
     * Reads one HTTP response: its status line, headers and a {@code Content-Length}
     * body.
     * @param in the connection's input
     * @return {@code HTTP <code>}
     * @throws IOException when the connection fails
     */
    static String readHttpStatus(InputStream in) throws IOException {
        String statusLine = readLine(in);
        long contentLength = 0;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        in.skipNBytes(contentLength);
        String[] words = statusLine.split(" ", -1);
        return "HTTP " + ((words.length > 1) ? words[1] : "?");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r' && line.length() < 8192) {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Builds bytes in network order. */
    static final class Bytes {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final DataOutputStream out = new DataOutputStream(this.bytes);

        Bytes u8(int value) {
            return run(() -> this.out.writeByte(value));
        }

        Bytes u16(int value) {
            return run(() -> this.out.writeShort(value));
        }

        Bytes u32(int value) {
            return run(() -> this.out.writeInt(value));
        }

        Bytes raw(byte[] value) {
            return run(() -> this.out.write(value));
        }

        Bytes str16(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return u16(utf8.length).raw(utf8);
        }

        byte[] toArray() {
            return this.bytes.toByteArray();
        }

        private Bytes run(IoAction action) {
            try {
                action.run();
                return this;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private interface IoAction {

            void run() throws IOException;

        }

    }

}
