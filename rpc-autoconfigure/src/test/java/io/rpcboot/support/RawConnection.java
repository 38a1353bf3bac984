package io.rpcboot.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.rpcboot.RpcStatus;

/**
 * One connection that speaks the rpcboot wire protocol byte by byte over a plain blocking
 * socket, for tests that send what no well-behaved peer sends: as a client
 * ({@link #connect(int)}), or as the server side of a {@link RawServer}. It is written
 * from the protocol's description, not with the production codec, so that tests check the
 * bytes on the wire.
 * <p>
 * A connection opens with the magic {@code RPCB} and a version byte from each side, then
 * each side sends a SETTINGS frame. A frame is a u32 length (of the bytes after the
 * length field), a u8 type, a u8 flags, an i32 id and a body. Every read gives up after
 * five seconds, so a test that waits for an answer that never comes fails instead of
 * hanging.
 */
public final class RawConnection implements AutoCloseable {

    /** The magic that opens a connection: {@code RPCB} in ASCII. */
    public static final int MAGIC = 0x52504342;

    /** The protocol version this helper speaks. */
    public static final int VERSION = 1;

    /** Frame type: settings. */
    public static final int SETTINGS = 1;

    /** Frame type: request. */
    public static final int REQUEST = 2;

    /** Frame type: response. */
    public static final int RESPONSE = 3;

    /** Frame type: cancel. */
    public static final int CANCEL = 4;

    /** Frame type: ping. */
    public static final int PING = 6;

    /** Bytes of a frame header after the length field: type, flags and id. */
    public static final int HEADER_AFTER_LENGTH = 6;

    private static final int SETTING_MAX_MESSAGE_SIZE = 1;

    private static final int SETTING_PAYLOAD_FORMATS = 2;

    private static final int SETTING_STREAMING = 4;

    /** PAYLOAD_FORMATS bit: JSON. */
    public static final int FORMAT_JSON = 1;

    /** PAYLOAD_FORMATS bit: Smile. */
    public static final int FORMAT_SMILE = 2;

    /** REQUEST and RESPONSE flag: the payload is Smile. */
    public static final int FLAG_SMILE = 0x02;

    private static final int READ_TIMEOUT_MILLIS = 5000;

    private final Socket socket;

    private final DataInputStream in;

    private final DataOutputStream out;

    private int peerPayloadFormats = -1;

    private int peerMaxMessageSize = -1;

    RawConnection(Socket socket) {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Opens a connection to a server on the loopback interface, without sending anything.
     * @param port the server's port
     * @return the connection
     */
    public static RawConnection connect(int port) {
        try {
            return new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Opens a connection to a server and completes the handshake as a client: preface and
     * settings both ways.
     * @param port the server's port
     * @return the connection, ready for requests
     */
    public static RawConnection connectAndHandshake(int port) {
        RawConnection connection = connect(port);
        connection.writePreface();
        connection.writeSettings(4 * 1024 * 1024);
        connection.readPeerHandshake();
        return connection;
    }

    /**
     * Reads the peer's preface, which must announce this helper's version, and its
     * settings.
     */
    void readPeerHandshake() {
        int magic = readInt();
        int version = readUnsignedByte();
        if (magic != MAGIC || version != VERSION) {
            throw new IllegalStateException(
                    "unexpected preface: magic " + Integer.toHexString(magic) + ", version " + version);
        }
        RawFrame settings = readFrame();
        if (settings.type() != SETTINGS) {
            throw new IllegalStateException("expected SETTINGS after the preface, got " + settings);
        }
        this.peerMaxMessageSize = settings.settings().getOrDefault(SETTING_MAX_MESSAGE_SIZE, -1);
        this.peerPayloadFormats = settings.settings().getOrDefault(SETTING_PAYLOAD_FORMATS, -1);
    }

    /**
     * Returns the payload formats the peer reads, from its settings.
     * @return the bit set, {@code -1} before the handshake or when the peer did not say
     */
    public int peerPayloadFormats() {
        return this.peerPayloadFormats;
    }

    /**
     * Returns the largest message the peer reads, from its settings.
     * @return the peer's limit, {@code -1} before the handshake
     */
    public int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    /**
     * Writes raw bytes.
     * @param bytes the bytes
     * @return this connection
     */
    public RawConnection write(byte[] bytes) {
        try {
            this.out.write(bytes);
            this.out.flush();
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes the preface of this helper's protocol version.
     * @return this connection
     */
    public RawConnection writePreface() {
        return write(new Frames().writeInt(MAGIC).writeByte(VERSION).toByteArray());
    }

    /**
     * Writes a SETTINGS frame.
     * @param maxMessageSize the largest message this side reads
     * @return this connection
     */
    public RawConnection writeSettings(int maxMessageSize) {
        return writeSettings(maxMessageSize, FORMAT_JSON);
    }

    /**
     * Writes a SETTINGS frame that also announces STREAMING, as a peer that speaks stream
     * frames does.
     * @param maxMessageSize the largest message this side says it reads
     * @return this connection
     */
    public RawConnection writeStreamingSettings(int maxMessageSize) {
        Frames body = new Frames().writeShort(SETTING_MAX_MESSAGE_SIZE)
            .writeInt(maxMessageSize)
            .writeShort(SETTING_PAYLOAD_FORMATS)
            .writeInt(FORMAT_JSON)
            .writeShort(SETTING_STREAMING)
            .writeInt(1);
        return writeFrame(SETTINGS, 0, body.toByteArray());
    }

    /**
     * Writes a SETTINGS frame.
     * @param maxMessageSize the largest message this side reads
     * @param payloadFormats the bit set of the payload formats this side reads
     * @return this connection
     */
    public RawConnection writeSettings(int maxMessageSize, int payloadFormats) {
        Frames body = new Frames().writeShort(SETTING_MAX_MESSAGE_SIZE)
            .writeInt(maxMessageSize)
            .writeShort(SETTING_PAYLOAD_FORMATS)
            .writeInt(payloadFormats);
        return writeFrame(SETTINGS, 0, body.toByteArray());
    }

    /**
     * Writes a REQUEST frame without metadata.
     * @param id the request id
     * @param service the service name (the interface's fully qualified name)
     * @param methodKey the method key, such as {@code greet(java.lang.String)}
     * @param timeoutMillis the remaining deadline, {@code 0} for none
     * @param arguments the arguments payload, normally a JSON array
     * @return this connection
     */
    public RawConnection writeRequest(int id, String service, String methodKey, long timeoutMillis, String arguments) {
        return writeRequest(id, 0, service, methodKey, timeoutMillis, arguments.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a REQUEST frame without metadata.
     * @param id the request id
     * @param flags the frame's flags, such as {@link #FLAG_SMILE}
     * @param service the service name (the interface's fully qualified name)
     * @param methodKey the method key, such as {@code greet(java.lang.String)}
     * @param timeoutMillis the remaining deadline, {@code 0} for none
     * @param arguments the arguments payload
     * @return this connection
     */
    public RawConnection writeRequest(int id, int flags, String service, String methodKey, long timeoutMillis,
            byte[] arguments) {
        Frames body = new Frames().writeString(service)
            .writeString(methodKey)
            .writeInt((int) timeoutMillis)
            .writeShort(0)
            .writeBytes(arguments);
        return writeFrame(REQUEST, flags, id, body.toByteArray());
    }

    /**
     * Writes a RESPONSE frame without metadata.
     * @param id the id of the request it answers
     * @param status the status
     * @param payload the payload: a JSON result, or an error payload
     * @return this connection
     */
    public RawConnection writeResponse(int id, RpcStatus status, String payload) {
        return writeResponse(id, 0, status, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a RESPONSE frame without metadata.
     * @param id the id of the request it answers
     * @param flags the frame's flags, such as {@link #FLAG_SMILE}
     * @param status the status
     * @param payload the payload: a result, or an error payload
     * @return this connection
     */
    public RawConnection writeResponse(int id, int flags, RpcStatus status, byte[] payload) {
        Frames body = new Frames().writeByte(status.code()).writeShort(0).writeBytes(payload);
        return writeFrame(RESPONSE, flags, id, body.toByteArray());
    }

    /**
     * Writes a whole frame.
     * @param type the frame type
     * @param id the frame's id
     * @param body the body
     * @return this connection
     */
    public RawConnection writeFrame(int type, int id, byte[] body) {
        return writeFrame(type, 0, id, body);
    }

    /**
     * Writes a whole frame.
     * @param type the frame type
     * @param flags the flags
     * @param id the frame's id
     * @param body the body
     * @return this connection
     */
    public RawConnection writeFrame(int type, int flags, int id, byte[] body) {
        return write(new Frames().writeInt(HEADER_AFTER_LENGTH + body.length)
            .writeByte(type)
            .writeByte(flags)
            .writeInt(id)
            .writeBytes(body)
            .toByteArray());
    }

    /**
     * Writes only the header of a frame, announcing a length that the bytes written do
     * not need to match.
     * @param length the length announced, of the bytes after the length field
     * @param type the frame type
     * @param id the frame's id
     * @return this connection
     */
    public RawConnection writeFrameHeader(long length, int type, int id) {
        return write(new Frames().writeInt((int) length).writeByte(type).writeByte(0).writeInt(id).toByteArray());
    }

    /**
     * Reads the next frame.
     * @return the frame
     */
    public RawFrame readFrame() {
        long length = Integer.toUnsignedLong(readInt());
        if (length < HEADER_AFTER_LENGTH || length > 64 * 1024 * 1024) {
            throw new IllegalStateException("implausible frame length " + length);
        }
        int type = readUnsignedByte();
        int flags = readUnsignedByte();
        int id = readInt();
        byte[] body = new byte[(int) length - HEADER_AFTER_LENGTH];
        try {
            this.in.readFully(body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new RawFrame(type, flags, id, body);
    }

    /**
     * Reads frames until a response comes, answering nothing on the way.
     * @return the response
     */
    public Response readResponse() {
        RawFrame frame = readFrameOfType(RESPONSE);
        Fields fields = new Fields(frame.body());
        RpcStatus status = RpcStatus.fromCode(fields.readUnsignedByte());
        Map<String, String> metadata = fields.readMetadata();
        return new Response(frame.id(), frame.flags(), status, metadata, fields.restBytes());
    }

    /**
     * Reads frames until a request comes.
     * @return the request
     */
    public Request readRequest() {
        RawFrame frame = readFrameOfType(REQUEST);
        Fields fields = new Fields(frame.body());
        String service = fields.readString();
        String method = fields.readString();
        long timeoutMillis = Integer.toUnsignedLong(fields.readInt());
        Map<String, String> metadata = fields.readMetadata();
        return new Request(frame.id(), frame.flags(), service, method, timeoutMillis, metadata, fields.restBytes());
    }

    /**
     * Reads frames until one of the given type comes.
     * @param type the frame type
     * @return the frame
     */
    public RawFrame readFrameOfType(int type) {
        while (true) {
            RawFrame frame = readFrame();
            if (frame.type() == type) {
                return frame;
            }
        }
    }

    /**
     * Reads one unsigned byte.
     * @return the byte
     */
    public int readUnsignedByte() {
        try {
            return this.in.readUnsignedByte();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads a big-endian int.
     * @return the int
     */
    public int readInt() {
        try {
            return this.in.readInt();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Waits for the peer to close the connection, discarding whatever it sends meanwhile.
     * @param within how long to wait
     * @return whether the peer closed the connection (end of stream or reset) in time
     */
    public boolean closedByPeerWithin(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (System.nanoTime() - deadline < 0) {
                this.socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (this.in.read(sink) < 0) {
                        return true;
                    }
                }
                catch (SocketTimeoutException ex) {
                    return false;
                }
            }
            return false;
        }
        catch (EOFException | SocketException ex) {
            return true;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            try {
                this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
            catch (SocketException ex) {
                // closed meanwhile
            }
        }
    }

    /**
     * Returns the local port of the connection.
     * @return the port
     */
    public int localPort() {
        return this.socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            this.socket.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A frame as read from the wire.
     *
     * @param type the frame type
     * @param flags the flags
     * @param id the id
     * @param body the bytes after the header
     */
    public record RawFrame(int type, int flags, int id, byte[] body) {

        Map<Integer, Integer> settings() {
            Fields fields = new Fields(this.body);
            Map<Integer, Integer> settings = new LinkedHashMap<>();
            while (fields.remaining() >= 6) {
                settings.put(fields.readUnsignedShort(), fields.readInt());
            }
            return settings;
        }

    }

    /**
     * A decoded response.
     *
     * @param id the id of the request it answers
     * @param flags the frame's flags
     * @param status the status
     * @param metadata the metadata
     * @param payloadBytes the payload
     */
    public record Response(int id, int flags, RpcStatus status, Map<String, String> metadata, byte[] payloadBytes) {

        /**
         * Returns the payload as text (JSON payloads).
         * @return the payload decoded as UTF-8
         */
        public String payload() {
            return new String(this.payloadBytes, StandardCharsets.UTF_8);
        }

    }

    /**
     * A decoded request.
     *
     * @param id the request id
     * @param service the service name
     * @param method the method key
     * @param timeoutMillis the remaining deadline, {@code 0} for none
     * @param flags the frame's flags
     * @param metadata the metadata
     * @param argumentBytes the arguments payload
     */
    public record Request(int id, int flags, String service, String method, long timeoutMillis,
            Map<String, String> metadata, byte[] argumentBytes) {

        /**
         * Returns the arguments as text (JSON payloads).
         * @return the payload decoded as UTF-8
         */
        public String arguments() {
            return new String(this.argumentBytes, StandardCharsets.UTF_8);
        }

    }

    /**
     * Builds bytes in network order.
     */
    private static final class Frames {

        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        private final DataOutputStream out = new DataOutputStream(this.bytes);

        Frames writeByte(int value) {
            return run(() -> this.out.writeByte(value));
        }

        Frames writeShort(int value) {
            return run(() -> this.out.writeShort(value));
        }

        Frames writeInt(int value) {
            return run(() -> this.out.writeInt(value));
        }

        Frames writeBytes(byte[] value) {
            return run(() -> this.out.write(value));
        }

        Frames writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return writeShort(utf8.length).writeBytes(utf8);
        }

        byte[] toByteArray() {
            return this.bytes.toByteArray();
        }

        private Frames run(IoAction action) {
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

    /**
     * Reads the fields of a frame body.
     */
    private static final class Fields {

        private final java.nio.ByteBuffer buffer;

        Fields(byte[] body) {
            this.buffer = java.nio.ByteBuffer.wrap(body);
        }

        int remaining() {
            return this.buffer.remaining();
        }

        int readUnsignedByte() {
            return Byte.toUnsignedInt(this.buffer.get());
        }

        int readUnsignedShort() {
            return Short.toUnsignedInt(this.buffer.getShort());
        }

        int readInt() {
            return this.buffer.getInt();
        }

        String readString() {
            byte[] utf8 = new byte[readUnsignedShort()];
            this.buffer.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        Map<String, String> readMetadata() {
            int count = readUnsignedShort();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                metadata.put(readString(), readString());
            }
            return metadata;
        }

        byte[] restBytes() {
            byte[] rest = new byte[this.buffer.remaining()];
            this.buffer.get(rest);
            return rest;
        }

    }

}
