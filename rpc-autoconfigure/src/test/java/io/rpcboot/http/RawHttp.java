package io.rpcboot.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK's client hides: several requests on one
 * connection, pipelining, and bytes that are not HTTP at all.
 */
final class RawHttp implements Closeable {

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    RawHttp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(this.socket.getInputStream());
        this.out = this.socket.getOutputStream();
    }

    static String post(String path, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    RawHttp write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp write(byte[] bytes) throws IOException {
        this.out.write(bytes);
        this.out.flush();
        return this;
    }

    /**
     * Reads one response: its status line, headers and a body of its
     * {@code Content-Length}.
     * @return the response
     * @throws IOException when the connection fails or ends first
     */
    Response read() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = this.in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Returns whether the server closed the connection: the next read finds its end, or a
     * reset.
     * @return whether it is closed
     * @throws IOException when bytes come instead, or nothing within the socket's timeout
     */
    boolean isClosedByServer() throws IOException {
        try {
            int next = this.in.read();
            if (next != -1) {
                throw new IOException("the server sent more: " + (char) next);
            }
            return true;
        }
        catch (SocketException ex) {
            return true; // reset
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = this.in.read(); next != -1; next = this.in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
        }
        return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    /**
     * A response.
     *
     * @param status its status code
     * @param headers its headers, names in lower case
     * @param body its body
     */
    record Response(int status, Map<String, String> headers, String body) {
    }

}
