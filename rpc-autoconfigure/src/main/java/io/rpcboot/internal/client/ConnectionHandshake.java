package io.rpcboot.internal.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.Preface;

/**
 * The opening of a {@link ClientConnection}: the prefaces and SETTINGS both ways, what
 * the server's settings allow (message size, payload format, streams), the server's
 * description for the contract check, and the future that tells callers when the
 * connection takes calls. Frames arrive on the event loop; the server's settings are read
 * from any thread.
 */
final class ConnectionHandshake {

    // logs as the connection it belongs to
    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientConnection connection;

    private final CallSender sender;

    private final EndpointAddress address;

    private final int maxMessageSize;

    private final PayloadFormat preferredFormat;

    private final PayloadCodec codec;

    private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();

    private volatile int peerMaxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;

    private volatile PayloadFormat payloadFormat = PayloadFormat.JSON;

    private volatile boolean peerStreams;

    /** The contract check of the connection's service, {@code null} when it is off. */
    private @Nullable ContractCheck contractCheck;

    /**
     * Whether the connection waits for the server's description before it takes calls
     * ({@code rpc.client.contract-check=fail}); event loop only.
     */
    private boolean awaitingDescription;

    /**
     * What fails the calls of methods incompatible with the server, by service name and
     * method key; {@code null} while no call is to fail.
     */
    private volatile @Nullable Map<String, Map<String, String>> refusedMethods;

    ConnectionHandshake(ClientConnection connection, CallSender sender, EndpointAddress address, ClientOptions options,
            PayloadCodec codec) {
        this.connection = connection;
        this.sender = sender;
        this.address = address;
        this.maxMessageSize = options.maxMessageSize();
        this.preferredFormat = options.payloadFormat();
        this.codec = codec;
    }

    CompletableFuture<ClientConnection> ready() {
        return this.ready;
    }

    /** Makes the handshake ask the server for a description of the service. */
    void checkContract(ContractCheck check) {
        this.contractCheck = check;
    }

    /** See {@link ClientConnection#refusal}. */
    @Nullable RpcException refusal(MethodDescriptor method) {
        Map<String, Map<String, String>> refused = this.refusedMethods;
        if (refused == null) {
            return null;
        }
        Map<String, String> methods = refused.get(method.serviceName());
        String reason = (methods != null) ? methods.get(method.key()) : null;
        return (reason != null) ? new RpcException(RpcStatus.NOT_FOUND, reason) : null;
    }

    int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    boolean peerStreams() {
        return this.peerStreams;
    }

    PayloadFormat payloadFormat() {
        return this.payloadFormat;
    }

    /** The connection opened: writes this client's preface and settings. */
    // nothing waits for these writes: one that fails with an I/O error closes the channel
    // (Netty's auto-close)
    @SuppressWarnings("FutureReturnValueIgnored")
    void opened(ChannelHandlerContext ctx) {
        ctx.write(Preface.encode(ctx.alloc()));
        ctx.writeAndFlush(FrameCodec.settings(ctx.alloc(), this.maxMessageSize, this.codec.formats()));
    }

    /**
     * Reads a frame of the handshake: the server's preface, settings or description;
     * others are ignored.
     */
    void read(ChannelHandlerContext ctx, Object frame) {
        if (frame instanceof Frame.Settings settings) {
            settings(ctx, settings);
        }
        else if (frame instanceof Frame.Description description) {
            description(description);
        }
        else if (frame instanceof Frame.DescriptionRefused refused) {
            descriptionRefused(refused);
        }
        else if (frame instanceof Frame.PeerPreface preface) {
            if (preface.version() != Preface.VERSION) {
                fail(ctx, "the server answered with protocol version " + preface.version());
            }
        }
        else if (frame instanceof Frame.VersionRejected rejected) {
            fail(ctx, "the server speaks protocol versions " + Arrays.toString(rejected.supportedVersions())
                    + ", this client version " + Preface.VERSION);
        }
    }

    /**
     * Takes the server's settings; the connection then takes calls, or first waits for
     * the server's description.
     */
    private void settings(ChannelHandlerContext ctx, Frame.Settings settings) {
        this.peerMaxMessageSize = settings.maxMessageSize();
        this.sender.limit(settings.maxConcurrentCalls());
        this.payloadFormat = this.codec.negotiate(this.preferredFormat, settings.payloadFormats());
        this.peerStreams = settings.streaming();
        if (!describe(ctx, settings)) {
            this.ready.complete(this.connection);
        }
    }

    /**
     * Asks the server for the description of the service, when the check is on and the
     * server answers DESCRIBE; written before the connection takes calls. With
     * {@code fail} the connection takes calls only once the answer is compared (within
     * the handshake's timeout); otherwise calls do not wait for it.
     * @return whether the connection waits for the description before it is ready
     */
    // nothing waits for these writes: one that fails with an I/O error closes the channel
    // (Netty's auto-close)
    @SuppressWarnings("FutureReturnValueIgnored")
    private boolean describe(ChannelHandlerContext ctx, Frame.Settings settings) {
        ContractCheck check = this.contractCheck;
        if (check == null || this.ready.isDone() || this.awaitingDescription) {
            return this.awaitingDescription;
        }
        if (!settings.describes()) {
            check.unsupported(this.address);
            return false;
        }
        List<String> services = check.serviceNames();
        if (services.isEmpty()) {
            return false;
        }
        ctx.writeAndFlush(
                FrameCodec.describe(ctx.alloc(), ContractCheck.DESCRIBE_ID, services, check.describeMetadata()),
                ctx.voidPromise());
        this.awaitingDescription = check.mode() == ContractCheckMode.FAIL;
        return this.awaitingDescription;
    }

    private void description(Frame.Description description) {
        ContractCheck check = this.contractCheck;
        if (check != null && description.id() == ContractCheck.DESCRIBE_ID) {
            this.refusedMethods = check.described(this.address, description.contract());
            described();
        }
    }

    private void descriptionRefused(Frame.DescriptionRefused refused) {
        ContractCheck check = this.contractCheck;
        if (check != null && refused.id() == ContractCheck.DESCRIBE_ID) {
            check.refused(this.address, refused.status(), refused.message());
            described();
        }
    }

    /**
     * The server's description is larger than the client reads (the decoder skipped it):
     * the contract could not be checked, and the connection takes calls, as after any
     * description it could not compare.
     */
    void descriptionTooLarge(Frame.Oversized oversized) {
        ContractCheck check = this.contractCheck;
        if (check == null || oversized.id() != ContractCheck.DESCRIBE_ID) {
            logger.debug("{} sent a description of {} bytes that was not asked for: skipped", this.address,
                    oversized.length());
            return;
        }
        check.tooLarge(this.address, oversized.length(), this.maxMessageSize);
        described();
    }

    private void described() {
        this.awaitingDescription = false;
        this.ready.complete(this.connection);
    }

    /**
     * The server sent a go-away: before its SETTINGS, that refuses the connection, and
     * its reason is the caller's.
     */
    void goAway(String reason) {
        this.ready.completeExceptionally(
                new RpcException(RpcStatus.UNAVAILABLE, this.address + " refused the connection: " + reason));
    }

    /** The connection closed: before the handshake ended, it failed with it. */
    void closed(RpcException failure) {
        this.ready.completeExceptionally(failure);
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    private void fail(ChannelHandlerContext ctx, String reason) {
        this.ready.completeExceptionally(
                new RpcException(RpcStatus.UNAVAILABLE, "cannot talk to " + this.address + ": " + reason));
        ctx.close();
    }

}
