package io.rpcboot.internal.protocol;

/**
 * What the {@link FrameDecoder} produces from the bytes of a connection.
 */
public sealed interface Frame permits Frame.PeerPreface, Frame.VersionRejected, Frame.Settings, RequestFrame,
        ResponseFrame, Frame.Cancel, Frame.GoAway, Frame.Ping, Frame.Oversized {

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
     */
    record Settings(int maxMessageSize, int payloadFormats, int maxConcurrentCalls) implements Frame {
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
     * A frame whose length is over the reader's limit; its body was not read and the
     * connection must be closed.
     *
     * @param type the frame type
     * @param id the request id in its header
     * @param length the announced length
     */
    record Oversized(byte type, int id, long length) implements Frame {
    }

}
