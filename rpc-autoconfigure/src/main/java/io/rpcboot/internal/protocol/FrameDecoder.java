package io.rpcboot.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;

/**
 * Turns the bytes of a connection into {@link Frame}s: first the peer's preface, then
 * frames. A frame whose announced length is over the limit is never buffered: the decoder
 * reports it as {@link Frame.Oversized} and skips everything that follows, so the handler
 * can answer and close; or, for a frame of the type the receiver can do without (a
 * client's DESCRIPTION), skips that frame only and reads on after it. Malformed input
 * raises {@link CorruptedFrameException}; so does a preface that rejects our version. A
 * well-framed frame that breaks a rule of the protocol (a PING whose body is not exactly
 * 8 bytes) raises {@link ProtocolViolationException}, whose message the receiver sends to
 * its peer. After any of these the decoder is done: it discards every later byte,
 * including what is left when the connection closes, so that nothing hidden after (or
 * inside) a bad frame is ever read.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** The exact length of a PING's body, in both directions. */
    static final int PING_BODY = 8;

    /** The exact length of a CREDIT's body: the count. */
    static final int CREDIT_BODY = 4;

    private final int maxFrameLength;

    /** The type of the oversized frames skipped and read past, -1 for none. */
    private final int skippableType;

    /** How many bytes of a skipped frame are still to come. */
    private long skipping;

    private boolean prefaceRead;

    private boolean discarding;

    /**
     * Creates a decoder.
     * @param maxFrameLength the largest frame it reads, counted from the type byte to the
     * end
     */
    public FrameDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
        this.skippableType = -1;
    }

    /**
     * Creates a decoder that skips an oversized frame of one type, reported as
     * {@link Frame.Oversized}, and reads the frames after it.
     * @param maxFrameLength the largest frame it reads, counted from the type byte to the
     * end
     * @param skippableType the type of the oversized frames it skips
     */
    public FrameDecoder(int maxFrameLength, byte skippableType) {
        this.maxFrameLength = maxFrameLength;
        this.skippableType = skippableType;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (this.discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeFrames(in, out);
        }
        catch (RuntimeException ex) {
            this.discarding = true;
            in.skipBytes(in.readableBytes());
            throw ex;
        }
    }

    private void decodeFrames(ByteBuf in, List<Object> out) {
        if (!this.prefaceRead) {
            Frame preface = decodePreface(in);
            if (preface == null) {
                return;
            }
            this.prefaceRead = true;
            out.add(preface);
            if (preface instanceof Frame.VersionRejected) {
                // the peer speaks none of our versions: whatever follows is not ours to
                // read
                this.discarding = true;
                in.skipBytes(in.readableBytes());
                return;
            }
        }
        while (true) {
            if (this.skipping > 0) {
                int skipped = (int) Math.min(this.skipping, in.readableBytes());
                in.skipBytes(skipped);
                this.skipping -= skipped;
                if (this.skipping > 0) {
                    return;
                }
            }
            if (in.readableBytes() < FrameCodec.LENGTH_FIELD) {
                return;
            }
            int start = in.readerIndex();
            long length = in.getUnsignedInt(start);
            if (length < FrameCodec.HEADER_AFTER_LENGTH) {
                throw new CorruptedFrameException("frame length " + length + " is shorter than a frame header");
            }
            if (length > this.maxFrameLength) {
                if (in.readableBytes() < FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH) {
                    return;
                }
                byte type = in.getByte(start + FrameCodec.LENGTH_FIELD);
                out.add(new Frame.Oversized(type, in.getInt(start + FrameCodec.LENGTH_FIELD + 2), length));
                if (type == this.skippableType) {
                    this.skipping = FrameCodec.LENGTH_FIELD + length;
                    continue;
                }
                this.discarding = true;
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < FrameCodec.LENGTH_FIELD + length) {
                return;
            }
            in.skipBytes(FrameCodec.LENGTH_FIELD);
            int end = start + FrameCodec.LENGTH_FIELD + (int) length;
            byte type = in.readByte();
            byte flags = in.readByte();
            int id = in.readInt();
            Frame frame = decodeBody(type, flags, id, in, end);
            in.readerIndex(end);
            if (frame != null) {
                out.add(frame);
            }
        }
    }

    private static @Nullable Frame decodePreface(ByteBuf in) {
        if (in.readableBytes() < Preface.LENGTH) {
            return null;
        }
        int start = in.readerIndex();
        if (in.getInt(start) != Preface.MAGIC) {
            throw new CorruptedFrameException("connection does not start with the rpcboot preface");
        }
        int version = in.getUnsignedByte(start + 4);
        if (version != 0) {
            in.skipBytes(Preface.LENGTH);
            return new Frame.PeerPreface(version);
        }
        if (in.readableBytes() < Preface.LENGTH + 1) {
            return null;
        }
        int count = in.getUnsignedByte(start + Preface.LENGTH);
        if (in.readableBytes() < Preface.LENGTH + 1 + count) {
            return null;
        }
        in.skipBytes(Preface.LENGTH + 1);
        int[] versions = new int[count];
        for (int i = 0; i < count; i++) {
            versions[i] = in.readUnsignedByte();
        }
        return new Frame.VersionRejected(versions);
    }

    private static @Nullable Frame decodeBody(byte type, byte flags, int id, ByteBuf in, int end) {
        switch (type) {
            case FrameType.REQUEST -> {
                String service = readString(in, end);
                String method = readString(in, end);
                require(in, end, 4);
                long timeoutMillis = in.readUnsignedInt();
                Map<String, String> metadata = readMetadata(in, end);
                return new RequestFrame(id, service, method, timeoutMillis, metadata, PayloadFormat.ofFrameFlags(flags),
                        in.retainedSlice(in.readerIndex(), end - in.readerIndex()),
                        (flags & FrameType.FLAG_STREAM) != 0);
            }
            case FrameType.RESPONSE -> {
                require(in, end, 1);
                int code = in.readUnsignedByte();
                RpcStatus status = RpcStatus.fromCode(code);
                Map<String, String> metadata = readMetadata(in, end);
                return new ResponseFrame(id, (status != null) ? status : RpcStatus.INTERNAL, metadata,
                        PayloadFormat.ofFrameFlags(flags), in.retainedSlice(in.readerIndex(), end - in.readerIndex()),
                        (flags & FrameType.FLAG_NOT_PROCESSED) != 0);
            }
            case FrameType.SETTINGS -> {
                return readSettings(in, end);
            }
            case FrameType.MESSAGE -> {
                return new Frame.Message(id, PayloadFormat.ofFrameFlags(flags),
                        (flags & FrameType.FLAG_END_OF_STREAM) != 0,
                        in.retainedSlice(in.readerIndex(), end - in.readerIndex()));
            }
            case FrameType.CREDIT -> {
                if (end - in.readerIndex() != CREDIT_BODY) {
                    throw new ProtocolViolationException(
                            "CREDIT body must be " + CREDIT_BODY + " bytes, got " + (end - in.readerIndex()));
                }
                return new Frame.Credit(id, in.readUnsignedInt());
            }
            case FrameType.DESCRIBE -> {
                require(in, end, 2);
                int count = in.readUnsignedShort();
                List<String> services = new ArrayList<>(Math.min(count, 256));
                for (int i = 0; i < count; i++) {
                    services.add(readString(in, end));
                }
                // metadata came later than the names: a DESCRIBE that ends after them has
                // none
                Map<String, String> metadata = (in.readerIndex() < end) ? readMetadata(in, end) : Map.of();
                return new Frame.Describe(id, List.copyOf(services), metadata);
            }
            case FrameType.DESCRIPTION -> {
                if ((flags & FrameType.FLAG_REFUSED) != 0) {
                    require(in, end, 1);
                    RpcStatus status = RpcStatus.fromCode(in.readUnsignedByte());
                    return new Frame.DescriptionRefused(id, (status != null) ? status : RpcStatus.INTERNAL,
                            in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8));
                }
                return new Frame.Description(id,
                        in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8));
            }
            case FrameType.CANCEL -> {
                return new Frame.Cancel(id);
            }
            case FrameType.GO_AWAY -> {
                return new Frame.GoAway(id, readString(in, end));
            }
            case FrameType.PING -> {
                if (end - in.readerIndex() != PING_BODY) {
                    throw new ProtocolViolationException(
                            "PING body must be " + PING_BODY + " bytes, got " + (end - in.readerIndex()));
                }
                return new Frame.Ping((flags & FrameType.FLAG_ACK) != 0, in.readLong());
            }
            default -> {
                // unknown frame types are ignored, so that later versions can add some
                return null;
            }
        }
    }

    private static Frame.Settings readSettings(ByteBuf in, int end) {
        int maxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;
        int formats = PayloadFormat.JSON.settingsBit();
        int maxConcurrentCalls = Integer.MAX_VALUE;
        boolean streaming = false;
        boolean describes = false;
        while (end - in.readerIndex() >= 6) {
            int key = in.readUnsignedShort();
            long value = in.readUnsignedInt();
            if (key == FrameCodec.SETTING_MAX_MESSAGE_SIZE) {
                maxMessageSize = (int) Math.min(value, Integer.MAX_VALUE);
            }
            else if (key == FrameCodec.SETTING_PAYLOAD_FORMATS) {
                formats = (int) value;
            }
            else if (key == FrameCodec.SETTING_MAX_CONCURRENT_CALLS) {
                maxConcurrentCalls = (int) Math.min(value, Integer.MAX_VALUE);
            }
            else if (key == FrameCodec.SETTING_STREAMING) {
                streaming = value == 1;
            }
            else if (key == FrameCodec.SETTING_DESCRIBE) {
                describes = value == 1;
            }
        }
        return new Frame.Settings(maxMessageSize, formats, maxConcurrentCalls, streaming, describes);
    }

    private static Map<String, String> readMetadata(ByteBuf in, int end) {
        require(in, end, 2);
        int count = in.readUnsignedShort();
        if (count == 0) {
            return Map.of();
        }
        String[] entries = new String[count * 2];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = readString(in, end);
        }
        return Metadata.of(entries);
    }

    private static String readString(ByteBuf in, int end) {
        require(in, end, 2);
        int length = in.readUnsignedShort();
        require(in, end, length);
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private static void require(ByteBuf in, int end, int bytes) {
        if (end - in.readerIndex() < bytes) {
            throw new CorruptedFrameException("frame field runs past the end of its frame");
        }
    }

}
