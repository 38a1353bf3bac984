package io.rpcboot.internal.protocol;

import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

import io.rpcboot.RpcStatus;

/**
 * What the {@link FrameDecoder} produces from the bytes of a connection.
 */
public sealed interface Frame permits Frame.PeerPreface, Frame.VersionRejected, Frame.Settings, RequestFrame,
        ResponseFrame, Frame.Cancel, Frame.GoAway, Frame.Ping, Frame.Oversized, Frame.Message, Frame.Credit,
        Frame.Describe, Frame.Description, Frame.DescriptionRefused {

    /**
     * The peer's preface: it speaks the given protocol version.
     *
     * @param version the version the peer announced
     */
    record PeerPreface(int version) implements Frame {
    }

    /**
     * The peer does not speak our version.
     *
     * @param supportedVersions the versions the peer knows
     */
    // a decoded frame, read once and never compared
    @SuppressWarnings("ArrayRecordComponent")
    record VersionRejected(int[] supportedVersions) implements Frame {
    }

    /**
     * The peer's limits and capabilities.
     *
     * @param maxMessageSize the largest frame the peer reads, in bytes
     * @param payloadFormats bit set of the payload formats the peer reads (see
     * {@link PayloadFormat#settingsBit()})
     * @param maxConcurrentCalls the most calls in flight the peer (a server) runs for the
     * connection, {@link Integer#MAX_VALUE} when it announced no limit
     * @param streaming whether the peer speaks stream frames (MESSAGE, CREDIT)
     * @param describes whether the peer (a server) answers DESCRIBE frames
     */
    record Settings(int maxMessageSize, int payloadFormats, int maxConcurrentCalls, boolean streaming,
            boolean describes) implements Frame {

        /**
         * Settings of a peer that does not answer DESCRIBE.
         * @param maxMessageSize the largest frame the peer reads, in bytes
         * @param payloadFormats bit set of the payload formats the peer reads
         * @param maxConcurrentCalls the most calls in flight the peer runs
         * @param streaming whether the peer speaks stream frames
         */
        public Settings(int maxMessageSize, int payloadFormats, int maxConcurrentCalls, boolean streaming) {
            this(maxMessageSize, payloadFormats, maxConcurrentCalls, streaming, false);
        }

        /**
         * Settings of a peer that does not speak stream frames.
         * @param maxMessageSize the largest frame the peer reads, in bytes
         * @param payloadFormats bit set of the payload formats the peer reads
         * @param maxConcurrentCalls the most calls in flight the peer runs
         */
        public Settings(int maxMessageSize, int payloadFormats, int maxConcurrentCalls) {
            this(maxMessageSize, payloadFormats, maxConcurrentCalls, false, false);
        }

    }

    /**
     * The caller gave up on the call with the given id.
     *
     * @param id the request id
     */
    record Cancel(int id) implements Frame {
    }

    /**
     * The server accepts no new calls on this connection.
     *
     * @param lastAcceptedId the id of the last request the server accepted; later ones
     * never ran
     * @param reason why, for logs
     */
    record GoAway(int lastAcceptedId, String reason) implements Frame {
    }

    /**
     * A keepalive probe or its answer.
     *
     * @param ack whether this answers a probe
     * @param data opaque data echoed by the answer
     */
    record Ping(boolean ack, long data) implements Frame {
    }

    /**
     * One element of a stream, or the end of the client's stream. The payload is a
     * retained slice of the connection's buffer: whoever handles the frame releases it.
     *
     * @param id the request id of the stream call
     * @param format the format of the payload
     * @param endOfStream whether this ends the client's stream (the payload is then
     * empty)
     * @param payload the element
     */
    record Message(int id, PayloadFormat format, boolean endOfStream, ByteBuf payload) implements Frame {
    }

    /**
     * The receiver of a stream grants its sender more messages.
     *
     * @param id the request id of the stream call
     * @param count how many more messages the sender may send
     */
    record Credit(int id, long count) implements Frame {
    }

    /**
     * A client asks for the contract of services.
     *
     * @param id chosen by the client, echoed by the answer
     * @param services the names of the services (fully qualified interface names)
     * @param metadata the client's credentials and other metadata, as a request's; empty
     * when it sent none
     */
    record Describe(int id, List<String> services, Map<String, String> metadata) implements Frame {

        /**
         * A DESCRIBE without metadata.
         * @param id chosen by the client, echoed by the answer
         * @param services the names of the services
         */
        public Describe(int id, List<String> services) {
            this(id, services, Map.of());
        }

    }

    /**
     * A server's answer to a {@link Describe}.
     *
     * @param id the id of the DESCRIBE it answers
     * @param contract the contract of the services it exports among those asked for, in
     * the JSON form of {@code rpc-contract.json}; empty when the server could not send it
     */
    record Description(int id, String contract) implements Frame {
    }

    /**
     * A server's answer to a {@link Describe} it refused: the caller may not read the
     * description (no credentials, or credentials it did not accept).
     *
     * @param id the id of the DESCRIBE it answers
     * @param status why, as a call's status ({@code UNAUTHENTICATED}, for example)
     * @param message what the caller may be told
     */
    record DescriptionRefused(int id, RpcStatus status, String message) implements Frame {
    }

    /**
     * A frame whose length is over the reader's limit; its body was not read and the
     * connection must be closed, unless the decoder skips frames of its type.
     *
     * @param type the frame type
     * @param id the request id in its header
     * @param length the announced length
     */
    record Oversized(byte type, int id, long length) implements Frame {
    }

}
