package io.rpcboot.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import io.rpcboot.RpcStatus;

/**
 * Writes frames. A frame is a 4-byte length (of everything after it), a type byte, a
 * flags byte, a 4-byte id and a body. Request and response frames are written in two
 * steps so that the payload is serialized straight into the frame's buffer:
 * {@code begin...}, then the payload, then {@link #finish(ByteBuf)}.
 */
public final class FrameCodec {

    /** Bytes of the length field. */
    public static final int LENGTH_FIELD = 4;

    /** Bytes of the header after the length field: type, flags and id. */
    public static final int HEADER_AFTER_LENGTH = 6;

    /**
     * The default of the largest message a peer reads, when its settings do not say: 4
     * MB.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

    /** Settings key: the largest frame the sender reads. */
    static final int SETTING_MAX_MESSAGE_SIZE = 1;

    /** Settings key: bit set of the payload formats the sender reads. */
    static final int SETTING_PAYLOAD_FORMATS = 2;

    /**
     * Settings key: the most calls in flight the sender (a server) runs for one
     * connection; more are refused with {@code RESOURCE_EXHAUSTED}.
     */
    static final int SETTING_MAX_CONCURRENT_CALLS = 3;

    /** Settings key: {@code 1} when the sender speaks stream frames (MESSAGE, CREDIT). */
    static final int SETTING_STREAMING = 4;

    /**
     * Settings key: {@code 1} when the sender (a server) answers DESCRIBE with a
     * DESCRIPTION.
     */
    static final int SETTING_DESCRIBE = 5;

    private static final int ID_OFFSET = LENGTH_FIELD + 2;

    private static final int MAX_STRING_BYTES = 0xFFFF;

    private FrameCodec() {
    }

    /**
     * Writes a settings frame.
     * @param allocator the allocator of the connection
     * @param maxMessageSize the largest frame the sender reads
     * @param payloadFormats the bit set of the payload formats the sender reads
     * @return the frame
     */
    public static ByteBuf settings(ByteBufAllocator allocator, int maxMessageSize, int payloadFormats) {
        ByteBuf buf = header(allocator.buffer(28), FrameType.SETTINGS, 0, 0);
        buf.writeShort(SETTING_MAX_MESSAGE_SIZE).writeInt(maxMessageSize);
        buf.writeShort(SETTING_PAYLOAD_FORMATS).writeInt(payloadFormats);
        buf.writeShort(SETTING_STREAMING).writeInt(1);
        return finish(buf);
    }

    /**
     * Writes a server's settings frame, with the limit of calls in flight per connection.
     * @param allocator the allocator of the connection
     * @param maxMessageSize the largest frame the sender reads
     * @param payloadFormats the bit set of the payload formats the sender reads
     * @param maxConcurrentCalls the most calls in flight the sender runs for the
     * connection
     * @return the frame
     */
    public static ByteBuf settings(ByteBufAllocator allocator, int maxMessageSize, int payloadFormats,
            int maxConcurrentCalls) {
        ByteBuf buf = header(allocator.buffer(40), FrameType.SETTINGS, 0, 0);
        buf.writeShort(SETTING_MAX_MESSAGE_SIZE).writeInt(maxMessageSize);
        buf.writeShort(SETTING_PAYLOAD_FORMATS).writeInt(payloadFormats);
        buf.writeShort(SETTING_MAX_CONCURRENT_CALLS).writeInt(maxConcurrentCalls);
        buf.writeShort(SETTING_STREAMING).writeInt(1);
        buf.writeShort(SETTING_DESCRIBE).writeInt(1);
        return finish(buf);
    }

    /**
     * Starts a request frame whose id is set later with
     * {@link #setRequestId(ByteBuf, int)}.
     * @param allocator the allocator of the connection
     * @param service the service name as UTF-8 bytes
     * @param method the method key as UTF-8 bytes
     * @param timeoutMillis the remaining time of the call, {@code 0} for none
     * @param metadata the request metadata
     * @param format the format of the payload that follows
     * @return a buffer to append the payload to
     */
    public static ByteBuf beginRequest(ByteBufAllocator allocator, byte[] service, byte[] method, long timeoutMillis,
            Map<String, String> metadata, PayloadFormat format) {
        ByteBuf buf = header(allocator.buffer(256), FrameType.REQUEST, format.frameFlags(), 0);
        writeBytes(buf, service);
        writeBytes(buf, method);
        buf.writeInt((int) Math.min(timeoutMillis, 0xFFFF_FFFFL));
        writeMetadata(buf, metadata);
        return buf;
    }

    /**
     * Sets the id of a request frame started by {@link #beginRequest}.
     * @param frame the frame
     * @param id the request id
     */
    public static void setRequestId(ByteBuf frame, int id) {
        frame.setInt(frame.readerIndex() + ID_OFFSET, id);
    }

    /**
     * Marks a request frame started by {@link #beginRequest} as opening a stream call
     * ({@link FrameType#FLAG_STREAM}).
     * @param frame the request frame
     * @return the same frame
     */
    public static ByteBuf markStream(ByteBuf frame) {
        int flags = frame.readerIndex() + LENGTH_FIELD + 1;
        frame.setByte(flags, frame.getByte(flags) | FrameType.FLAG_STREAM);
        return frame;
    }

    /**
     * Starts a MESSAGE frame: one element of a stream, appended next, then
     * {@link #finish(ByteBuf)}.
     * @param allocator the allocator of the connection
     * @param id the request id of the stream call
     * @param format the format of the element
     * @return a buffer to append the element to
     */
    public static ByteBuf beginMessage(ByteBufAllocator allocator, int id, PayloadFormat format) {
        return header(allocator.buffer(64), FrameType.MESSAGE, format.frameFlags(), id);
    }

    /**
     * Writes the MESSAGE frame that ends the client's stream.
     * @param allocator the allocator of the connection
     * @param id the request id of the stream call
     * @return the frame
     */
    public static ByteBuf endOfStream(ByteBufAllocator allocator, int id) {
        return finish(header(allocator.buffer(LENGTH_FIELD + HEADER_AFTER_LENGTH), FrameType.MESSAGE,
                FrameType.FLAG_END_OF_STREAM, id));
    }

    /**
     * Writes a CREDIT frame.
     * @param allocator the allocator of the connection
     * @param id the request id of the stream call
     * @param count how many more messages the peer may send, at least 1
     * @return the frame
     */
    public static ByteBuf credit(ByteBufAllocator allocator, int id, long count) {
        ByteBuf buf = header(allocator.buffer(LENGTH_FIELD + HEADER_AFTER_LENGTH + 4), FrameType.CREDIT, 0, id);
        return finish(buf.writeInt((int) Math.min(count, 0xFFFF_FFFFL)));
    }

    /**
     * Starts a response frame.
     * @param allocator the allocator of the connection
     * @param id the id of the request it answers
     * @param status the outcome
     * @param metadata the response metadata
     * @param format the format of the payload that follows
     * @return a buffer to append the payload to
     */
    public static ByteBuf beginResponse(ByteBufAllocator allocator, int id, RpcStatus status,
            Map<String, String> metadata, PayloadFormat format) {
        ByteBuf buf = header(allocator.buffer(256), FrameType.RESPONSE, format.frameFlags(), id);
        buf.writeByte(status.code());
        writeMetadata(buf, metadata);
        return buf;
    }

    /**
     * Marks a response frame as refused before any application code ran
     * ({@link FrameType#FLAG_NOT_PROCESSED}).
     * @param frame a response frame
     * @return the same frame
     */
    public static ByteBuf markNotProcessed(ByteBuf frame) {
        int flags = frame.readerIndex() + LENGTH_FIELD + 1;
        frame.setByte(flags, frame.getByte(flags) | FrameType.FLAG_NOT_PROCESSED);
        return frame;
    }

    /**
     * Writes the length of a frame once its body is complete.
     * @param frame the frame
     * @return the same frame
     */
    public static ByteBuf finish(ByteBuf frame) {
        frame.setInt(frame.readerIndex(), frame.readableBytes() - LENGTH_FIELD);
        return frame;
    }

    /**
     * Returns the length a peer compares with its limit: everything after the length
     * field.
     * @param frame a finished frame
     * @return its length
     */
    public static int frameLength(ByteBuf frame) {
        return frame.readableBytes() - LENGTH_FIELD;
    }

    /**
     * Writes a cancel frame.
     * @param allocator the allocator of the connection
     * @param id the id of the call the caller gave up
     * @return the frame
     */
    public static ByteBuf cancel(ByteBufAllocator allocator, int id) {
        return finish(header(allocator.buffer(LENGTH_FIELD + HEADER_AFTER_LENGTH), FrameType.CANCEL, 0, id));
    }

    /**
     * Writes a go-away frame.
     * @param allocator the allocator of the connection
     * @param lastAcceptedId the id of the last request the server accepted
     * @param reason why, for the peer's logs
     * @return the frame
     */
    public static ByteBuf goAway(ByteBufAllocator allocator, int lastAcceptedId, String reason) {
        ByteBuf buf = header(allocator.buffer(64), FrameType.GO_AWAY, 0, lastAcceptedId);
        writeBytes(buf, reason.getBytes(StandardCharsets.UTF_8));
        return finish(buf);
    }

    /**
     * Writes a DESCRIBE frame: a count of service names, then each name.
     * @param allocator the allocator of the connection
     * @param id the id the answer echoes
     * @param services the names of the services to describe
     * @return the frame
     */
    public static ByteBuf describe(ByteBufAllocator allocator, int id, List<String> services) {
        return describe(allocator, id, services, Map.of());
    }

    /**
     * Writes a DESCRIBE frame: a count of service names, each name, then the metadata
     * (the caller's credentials), as a REQUEST's.
     * @param allocator the allocator of the connection
     * @param id the id the answer echoes
     * @param services the names of the services to describe
     * @param metadata the metadata, empty for none
     * @return the frame
     */
    public static ByteBuf describe(ByteBufAllocator allocator, int id, List<String> services,
            Map<String, String> metadata) {
        ByteBuf buf = header(allocator.buffer(64), FrameType.DESCRIBE, 0, id);
        buf.writeShort(services.size());
        for (String service : services) {
            writeBytes(buf, service.getBytes(StandardCharsets.UTF_8));
        }
        writeMetadata(buf, metadata);
        return finish(buf);
    }

    /**
     * Writes a refused DESCRIPTION frame: the status, then the message as UTF-8.
     * @param allocator the allocator of the connection
     * @param id the id of the DESCRIBE it answers
     * @param status why the description is refused
     * @param message what the caller may be told
     * @return the frame
     */
    public static ByteBuf descriptionRefused(ByteBufAllocator allocator, int id, RpcStatus status, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = header(allocator.buffer(LENGTH_FIELD + HEADER_AFTER_LENGTH + 1 + text.length),
                FrameType.DESCRIPTION, FrameType.FLAG_REFUSED, id);
        buf.writeByte(status.code());
        return finish(buf.writeBytes(text));
    }

    /**
     * Writes a DESCRIPTION frame: the contract's JSON, the whole body.
     * @param allocator the allocator of the connection
     * @param id the id of the DESCRIBE it answers
     * @param contract the contract as UTF-8 JSON, empty when none can be sent
     * @return the frame
     */
    public static ByteBuf description(ByteBufAllocator allocator, int id, byte[] contract) {
        ByteBuf buf = header(allocator.buffer(LENGTH_FIELD + HEADER_AFTER_LENGTH + contract.length),
                FrameType.DESCRIPTION, 0, id);
        return finish(buf.writeBytes(contract));
    }

    /**
     * Writes a ping frame or its answer.
     * @param allocator the allocator of the connection
     * @param ack whether it answers a ping
     * @param data the opaque data
     * @return the frame
     */
    public static ByteBuf ping(ByteBufAllocator allocator, boolean ack, long data) {
        ByteBuf buf = header(allocator.buffer(18), FrameType.PING, ack ? FrameType.FLAG_ACK : 0, 0);
        return finish(buf.writeLong(data));
    }

    private static ByteBuf header(ByteBuf buf, byte type, int flags, int id) {
        return buf.writeInt(0).writeByte(type).writeByte(flags).writeInt(id);
    }

    private static void writeMetadata(ByteBuf buf, Map<String, String> metadata) {
        buf.writeShort(metadata.size());
        if (!metadata.isEmpty()) {
            metadata.forEach((key, value) -> {
                writeString(buf, key);
                writeString(buf, value);
            });
        }
    }

    private static void writeString(ByteBuf buf, String value) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(
                    "metadata entry of " + length + " bytes is over the limit of " + MAX_STRING_BYTES + " bytes");
        }
        buf.writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(buf, value, length);
    }

    private static void writeBytes(ByteBuf buf, byte[] bytes) {
        buf.writeShort(bytes.length).writeBytes(bytes);
    }

}
