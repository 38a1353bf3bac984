package io.rpcboot.demo.order;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of curl that the README's and demo.sh's commands use ({@code -s}, {@code -S},
 * {@code -i}, {@code -X}, {@code -H}, {@code -d}, {@code --json}, {@code -w}), over a
 * plain socket so that {@code -i} prints the status line and headers as the server wrote
 * them. Hosts are always 127.0.0.1, where the demo services listen.
 */
final class Curl {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\ncontent-length: *(\\d+)");

    private Curl() {
    }

    /**
     * Runs a curl command.
     * @param arguments the words after {@code curl}
     * @return what curl prints: the body, preceded by the status line and headers with
     * {@code -i}
     * @throws IllegalArgumentException for an option this class does not know
     */
    static String run(List<String> arguments) throws IOException {
        String method = null;
        String body = null;
        String url = null;
        boolean include = false;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "-s", "-S", "-sS" -> {
                }
                case "-i" -> include = true;
                case "-X" -> method = arguments.get(++i);
                case "-H" -> {
                    String header = arguments.get(++i);
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
                case "-d" -> {
                    body = arguments.get(++i);
                    headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
                }
                case "--json" -> {
                    body = arguments.get(++i);
                    headers.putIfAbsent("Content-Type", "application/json");
                    headers.putIfAbsent("Accept", "application/json");
                }
                case "-w" -> i++;
                default -> {
                    if (argument.startsWith("-") || url != null) {
                        throw new IllegalArgumentException("curl " + argument + " is not supported by this test");
                    }
                    url = argument.contains("://") ? argument : "http://" + argument;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("curl without a URL: " + arguments);
        }
        method = (method != null) ? method : (body != null) ? "POST" : "GET";
        return exchange(URI.create(url), method, headers, body, include);
    }

    private static String exchange(URI uri, String method, Map<String, String> headers, String body, boolean include)
            throws IOException {
        byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(uri.getRawPath()).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        request.append("User-Agent: curl\r\n");
        if (!headers.containsKey("Accept")) {
            request.append("Accept: */*\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            // As curl does, the connection stays open: the body ends at its length or its
            // last chunk.
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            String lowerCaseHead = head.toLowerCase(Locale.ROOT);
            Matcher length = CONTENT_LENGTH.matcher(lowerCaseHead);
            byte[] responseBody = length.find() ? in.readNBytes(Integer.parseInt(length.group(1)))
                    : lowerCaseHead.contains("\ntransfer-encoding: chunked") ? readChunks(in) : in.readAllBytes();
            String text = new String(responseBody, StandardCharsets.UTF_8);
            return include ? head.replace("\r\n", "\n") + "\n\n" + text : text;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed before the end of the response's headers: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The connection closed within a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

}
