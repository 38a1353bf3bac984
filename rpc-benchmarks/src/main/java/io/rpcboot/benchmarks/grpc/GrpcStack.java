package io.rpcboot.benchmarks.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;

import io.rpcboot.benchmarks.BenchCertificates;
import io.rpcboot.benchmarks.RunningServer;
import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.benchmarks.grpc.proto.BenchGrpc;
import io.rpcboot.benchmarks.grpc.proto.ItemList;
import io.rpcboot.benchmarks.grpc.proto.ItemMessage;
import io.rpcboot.benchmarks.grpc.proto.ListRequest;

/**
 * gRPC-java with protobuf messages and generated stubs, every setting at its default
 * except one: the server runs calls with {@code directExecutor()} on its I/O threads, as
 * rpcboot runs the same non-blocking methods ({@code @RpcMethod(blocking = false)}); on
 * the caller side one channel whose blocking stub all callers share.
 */
public final class GrpcStack {

    private GrpcStack() {
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        return start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)));
    }

    /**
     * Starts a server over TLS on a free port of 127.0.0.1, with the JDK's TLS provider
     * and the benchmark's certificate.
     * @return the running server
     */
    public static RunningServer startTls() {
        BenchCertificates.write();
        try {
            SslContext tls = GrpcSslContexts
                .configure(SslContextBuilder.forServer(BenchCertificates.serverCertificate().toFile(),
                        BenchCertificates.serverKey().toFile()), SslProvider.JDK)
                .build();
            return start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).sslContext(tls));
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RunningServer start(NettyServerBuilder builder) {
        Server server = builder.addService(new BenchImpl()).directExecutor().build();
        try {
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new RunningServer(server.getPort(), () -> {
            server.shutdown();
            awaitQuietly(() -> server.awaitTermination(5, TimeUnit.SECONDS));
        });
    }

    /**
     * Opens a channel to the server on the given port of 127.0.0.1.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connect(int port) {
        return connect(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    /**
     * Opens a TLS channel to the server on the given port of 127.0.0.1, trusting the
     * benchmark's CA, with the JDK's TLS provider.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectTls(int port) {
        try {
            SslContext tls = GrpcSslContexts
                .configure(SslContextBuilder.forClient().trustManager(BenchCertificates.authority().toFile()),
                        SslProvider.JDK)
                .build();
            return connect(NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(tls).build());
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static StackClient connect(ManagedChannel channel) {
        BenchGrpc.BenchBlockingStub stub = BenchGrpc.newBlockingStub(channel);
        return new StackClient() {

            @Override
            public boolean echo(long id) {
                ItemMessage sent = Workload.message(id);
                return sent.equals(stub.echo(sent));
            }

            @Override
            public boolean list(int n) {
                ItemList list = stub.list(ListRequest.newBuilder().setN(n).build());
                return list.getItemsCount() == n && (n == 0 || list.getItems(n - 1).equals(Workload.message(n - 1)));
            }

            @Override
            public void close() {
                channel.shutdown();
                awaitQuietly(() -> channel.awaitTermination(5, TimeUnit.SECONDS));
            }

        };
    }

    private static void awaitQuietly(Awaiting awaiting) {
        try {
            awaiting.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Awaiting {

        boolean await() throws InterruptedException;

    }

    private static final class BenchImpl extends BenchGrpc.BenchImplBase {

        @Override
        public void echo(ItemMessage request, StreamObserver<ItemMessage> responseObserver) {
            responseObserver.onNext(request);
            responseObserver.onCompleted();
        }

        @Override
        public void list(ListRequest request, StreamObserver<ItemList> responseObserver) {
            ItemList.Builder list = ItemList.newBuilder();
            for (int i = 0; i < request.getN(); i++) {
                list.addItems(Workload.message(i));
            }
            responseObserver.onNext(list.build());
            responseObserver.onCompleted();
        }

    }

}
