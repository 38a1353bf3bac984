package io.rpcboot.benchmarks.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.benchmarks.grpc.proto.BenchGrpc;
import io.rpcboot.benchmarks.grpc.proto.ItemMessage;

/**
 * gRPC-java's clients: one plaintext {@link ManagedChannel} per client, built with every
 * setting at its default, so that all of them share gRPC's default event loop group; one
 * blocking stub each.
 */
public final class GrpcFleet implements ConnectionFleet {

    private final List<ManagedChannel> channels;

    private final List<BenchGrpc.BenchBlockingStub> stubs;

    private GrpcFleet(List<ManagedChannel> channels) {
        this.channels = channels;
        this.stubs = channels.stream().map(BenchGrpc::newBlockingStub).toList();
    }

    /**
     * Creates the clients of a server on 127.0.0.1; none is connected yet.
     * @param port the server's port
     * @param size how many clients
     * @return the fleet
     */
    public static ConnectionFleet open(int port, int size) {
        List<ManagedChannel> channels = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
        }
        return new GrpcFleet(channels);
    }

    @Override
    public int size() {
        return this.stubs.size();
    }

    @Override
    public boolean echo(int client, long id) {
        ItemMessage sent = Workload.message(id);
        return sent.equals(this.stubs.get(client).echo(sent));
    }

    @Override
    public void close() {
        this.channels.forEach(ManagedChannel::shutdown);
        try {
            for (ManagedChannel channel : this.channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
