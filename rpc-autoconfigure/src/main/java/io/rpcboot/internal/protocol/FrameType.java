package io.rpcboot.internal.protocol;

/**
 * The kinds of frame, with the byte that identifies each on the wire.
 */
public final class FrameType {

    /** Limits and capabilities of the sender; the first frame each side sends. */
    public static final byte SETTINGS = 1;

    /** A call: id, service, method, timeout, metadata and the arguments. */
    public static final byte REQUEST = 2;

    /** The outcome of a call: id, status, metadata and the result or error. */
    public static final byte RESPONSE = 3;

    /** The caller gave up on a call. */
    public static final byte CANCEL = 4;

    /**
     * The server takes no new calls on this connection; its id is the last request it
     * accepted.
     */
    public static final byte GO_AWAY = 5;

    /** Keepalive probe; answered by the same frame with the {@link #FLAG_ACK} flag. */
    public static final byte PING = 6;

    /**
     * One element of a stream, in either direction; with {@link #FLAG_END_OF_STREAM}, the
     * end of the client's stream.
     */
    public static final byte MESSAGE = 7;

    /** The receiver of a stream grants its sender that many more messages. */
    public static final byte CREDIT = 8;

    /**
     * A client asks a server for the description of services (their contract): sent only
     * to a server whose SETTINGS announce DESCRIBE.
     */
    public static final byte DESCRIBE = 9;

    /**
     * A server's answer to a {@link #DESCRIBE}: the contract of the services, as JSON.
     */
    public static final byte DESCRIPTION = 10;

    /** Flag of a REQUEST frame that opens a stream call. */
    public static final byte FLAG_STREAM = 0x08;

    /** Flag of a MESSAGE frame that ends the client's stream; its body is empty. */
    public static final byte FLAG_END_OF_STREAM = 0x01;

    /**
     * Flag of a DESCRIPTION frame by which the server refuses to describe its services to
     * the caller: its body is a status code ({@code u8}) and a message, not a contract.
     */
    public static final byte FLAG_REFUSED = 0x01;

    /** Flag of a PING frame that answers another. */
    static final byte FLAG_ACK = 1;

    /**
     * Flag of a RESPONSE frame by which the server's transport states that it refused the
     * call before any application code ran (it was draining, its queue was full, the
     * connection had its most calls in flight): the caller may send it again elsewhere.
     * Only the transport's own refusals set it, never a status an application threw.
     */
    public static final byte FLAG_NOT_PROCESSED = 0x04;

    private FrameType() {
    }

}
