package io.rpcboot.internal.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelPipeline;

import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameDecoder;
import io.rpcboot.internal.protocol.Preface;

/**
 * The rpcboot binary protocol on a server's connections: recognised by its magic,
 * {@code RPCB}.
 */
final class BinaryProtocol implements ConnectionProtocol {

    private static final byte[] MAGIC = "RPCB".getBytes(StandardCharsets.US_ASCII);

    private final RpcServer server;

    BinaryProtocol(RpcServer server) {
        this.server = server;
    }

    @Override
    public Recognition recognise(ByteBuf firstBytes) {
        return magic(firstBytes);
    }

    static Recognition magic(ByteBuf firstBytes) {
        return ConnectionProtocol.startsWith(firstBytes, MAGIC);
    }

    @Override
    public String install(ChannelPipeline pipeline) {
        pipeline.addLast("frames", new FrameDecoder(this.server.maxMessageSize()))
            .addLast("calls", new ServerConnection(this.server));
        return "frames";
    }

    /** The server's preface and a GO_AWAY frame naming the reason. */
    @Override
    public byte[] refusal(String reason) {
        // the composite owns both buffers: releasing it releases them
        ByteBuf answer = Unpooled.wrappedBuffer(Preface.encode(UnpooledByteBufAllocator.DEFAULT),
                FrameCodec.goAway(UnpooledByteBufAllocator.DEFAULT, 0, reason));
        try {
            return ByteBufUtil.getBytes(answer);
        }
        finally {
            answer.release();
        }
    }

}
