package io.rpcboot.benchmarks.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLException;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import io.rpcboot.benchmarks.BenchCertificates;
import io.rpcboot.benchmarks.RunningServer;
import io.rpcboot.benchmarks.SlowStream;
import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.StackClient.Answered;
import io.rpcboot.benchmarks.api.EndlessItems;
import io.rpcboot.benchmarks.api.ItemSequence;
import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.benchmarks.grpc.proto.BenchGrpc;
import io.rpcboot.benchmarks.grpc.proto.ItemList;
import io.rpcboot.benchmarks.grpc.proto.ItemMessage;
import io.rpcboot.benchmarks.grpc.proto.ListRequest;
import io.rpcboot.benchmarks.grpc.proto.StreamRequest;

/**
 * gRPC-java with protobuf messages and generated stubs, every setting at its default
 * except one: the server runs calls with {@code directExecutor()} on its I/O threads, as
 * rpcboot runs the same non-blocking methods ({@code @RpcMethod(blocking = false)}), or,
 * as users get it, on gRPC's default executor ({@link #startWithDefaultExecutor()}); on
 * the caller side one channel whose blocking stub all callers share, whose future stub
 * makes the asynchronous calls (their answers checked on the thread that completes the
 * future, one of the channel's default executor), and whose asynchronous stub consumes
 * streams as a typical observer does (every message requested as the previous one is
 * delivered, on the channel's default executor).
 *
 * <p>
 * Its streaming methods are written as gRPC's examples write them: {@code Stream} calls
 * {@code onNext} n times in a loop, {@code Endless} calls it in a loop on a thread of its
 * own until the call is cancelled, and neither looks at {@code isReady()}, so gRPC
 * buffers what the transport cannot send yet. {@code EndlessWhenReady} is the same stream
 * written against gRPC's flow control: it sends only while the call is ready, and resumes
 * in the on-ready handler.
 */
public final class GrpcStack {

    private GrpcStack() {
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        return start(NettyServerBuilder.forAddress(anyPortOfLoopback()).directExecutor());
    }

    // an IP literal: nothing to resolve
    @SuppressWarnings("AddressSelection")
    private static InetSocketAddress anyPortOfLoopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /**
     * Starts a server on a free port of 127.0.0.1 built without {@code directExecutor()}:
     * gRPC's default executor, a cached thread pool, runs the handlers.
     * @return the running server
     */
    public static RunningServer startWithDefaultExecutor() {
        return start(NettyServerBuilder.forAddress(anyPortOfLoopback()));
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
            return start(NettyServerBuilder.forAddress(anyPortOfLoopback()).sslContext(tls).directExecutor());
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RunningServer start(NettyServerBuilder builder) {
        Server server = builder.addService(new BenchImpl()).build();
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
     * Opens a channel to the server on the given port of 127.0.0.1 whose calls run their
     * observers on the channel's I/O thread ({@code directExecutor()}).
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectDirect(int port) {
        return connect(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build());
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
        BenchGrpc.BenchStub asyncStub = BenchGrpc.newStub(channel);
        BenchGrpc.BenchFutureStub futureStub = BenchGrpc.newFutureStub(channel);
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
            public void echoAsync(long id, Answered answered) {
                ItemMessage sent = Workload.message(id);
                ListenableFuture<ItemMessage> answer = futureStub.echo(sent);
                answer.addListener(() -> answered(answer, sent, answered), MoreExecutors.directExecutor());
            }

            @Override
            public boolean stream(long firstId, int n) {
                ItemSequence sequence = new ItemSequence(firstId, n);
                CompletableFuture<Void> ended = new CompletableFuture<>();
                asyncStub.stream(request(firstId, n), new StreamObserver<>() {

                    @Override
                    public void onNext(ItemMessage item) {
                        sequence.accept(item);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ended.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(null);
                    }

                });
                ended.join();
                return sequence.isComplete();
            }

            @Override
            public SlowStream openSlowStream(long firstId, Duration interval, boolean producerWatchesReadiness) {
                return GrpcStack.openSlowStream(asyncStub, request(firstId, 0), interval, producerWatchesReadiness);
            }

            @Override
            public void close() {
                channel.shutdown();
                awaitQuietly(() -> channel.awaitTermination(5, TimeUnit.SECONDS));
            }

        };
    }

    private static void answered(ListenableFuture<ItemMessage> answer, ItemMessage sent, Answered answered) {
        ItemMessage received;
        try {
            received = Futures.getDone(answer);
        }
        catch (ExecutionException | RuntimeException ex) {
            answered.answered(false, (ex.getCause() != null) ? ex.getCause() : ex);
            return;
        }
        answered.answered(sent.equals(received), null);
    }

    private static StreamRequest request(long firstId, int n) {
        return StreamRequest.newBuilder().setFirstId(firstId).setN(n).build();
    }

    private static SlowStream openSlowStream(BenchGrpc.BenchStub stub, StreamRequest request, Duration interval,
            boolean producerWatchesReadiness) {
        AtomicLong received = new AtomicLong();
        ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<ClientCallStreamObserver<StreamRequest>> call = new CompletableFuture<>();
        ClientResponseObserver<StreamRequest, ItemMessage> consumer = new ClientResponseObserver<>() {

            @Override
            // the requests stop when their executor shuts down
            @SuppressWarnings("FutureReturnValueIgnored")
            public void beforeStart(ClientCallStreamObserver<StreamRequest> requestStream) {
                requestStream.disableAutoRequestWithInitial(1);
                call.complete(requestStream);
                requests.scheduleAtFixedRate(() -> requestStream.request(1), interval.toMillis(), interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }

            @Override
            public void onNext(ItemMessage item) {
                received.incrementAndGet();
            }

            @Override
            public void onError(Throwable failure) {
                requests.shutdown();
            }

            @Override
            public void onCompleted() {
                requests.shutdown();
            }

        };
        if (producerWatchesReadiness) {
            stub.endlessWhenReady(request, consumer);
        }
        else {
            stub.endless(request, consumer);
        }
        return SlowStream.of(received::get, () -> {
            requests.shutdownNow();
            call.join().cancel("done", null);
        });
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

        /** The most items an endless stream that ignores flow control produces. */
        private static final long ENDLESS_LIMIT = 500_000;

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

        @Override
        public void stream(StreamRequest request, StreamObserver<ItemMessage> responseObserver) {
            for (int i = 0; i < request.getN(); i++) {
                responseObserver.onNext(Workload.message(request.getFirstId() + i));
            }
            responseObserver.onCompleted();
        }

        @Override
        public void endless(StreamRequest request, StreamObserver<ItemMessage> responseObserver) {
            ServerCallStreamObserver<ItemMessage> call = (ServerCallStreamObserver<ItemMessage>) responseObserver;
            Thread producer = new Thread(() -> {
                // at most ENDLESS_LIMIT items, or the server would run out of memory
                for (long id = request.getFirstId(); !call.isCancelled()
                        && id < request.getFirstId() + ENDLESS_LIMIT; id++) {
                    EndlessItems.produced();
                    call.onNext(Workload.message(id));
                }
            }, "endless-producer");
            producer.setDaemon(true);
            producer.start();
        }

        @Override
        public void endlessWhenReady(StreamRequest request, StreamObserver<ItemMessage> responseObserver) {
            ServerCallStreamObserver<ItemMessage> call = (ServerCallStreamObserver<ItemMessage>) responseObserver;
            long[] next = { request.getFirstId() };
            call.setOnReadyHandler(() -> {
                while (call.isReady() && !call.isCancelled()) {
                    EndlessItems.produced();
                    call.onNext(Workload.message(next[0]++));
                }
            });
        }

    }

}
