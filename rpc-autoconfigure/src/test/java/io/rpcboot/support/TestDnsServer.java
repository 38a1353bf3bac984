package io.rpcboot.support;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

/**
 * A DNS server on a UDP port of 127.0.0.1 that answers A queries from a map that tests
 * change at run time, as a Kubernetes headless service or Docker's {@code tasks.<name>}
 * does when replicas come and go. Other query types get an empty answer; unknown names
 * NXDOMAIN.
 */
public final class TestDnsServer implements AutoCloseable {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    private final AtomicInteger queries = new AtomicInteger();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final Channel channel;

    private final int ttlSeconds;

    /**
     * Starts a server whose answers have the given TTL.
     * @param ttlSeconds the TTL of each record, as a real server sets it
     */
    public TestDnsServer(int ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
        this.channel = new Bootstrap().group(this.group)
            .channel(NioDatagramChannel.class)
            .handler(new ChannelInitializer<DatagramChannel>() {
                @Override
                protected void initChannel(DatagramChannel channel) {
                    channel.pipeline()
                        .addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Answers());
                }
            })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly()
            .channel();
    }

    /**
     * Returns the address to send queries to.
     * @return the address
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) this.channel.localAddress();
    }

    /**
     * Makes a name resolve to the given addresses (none: NXDOMAIN).
     * @param name the name
     * @param addresses its addresses, such as {@code 127.0.0.2}
     */
    public void set(String name, String... addresses) {
        List<InetAddress> resolved = java.util.Arrays.stream(addresses).map(TestDnsServer::address).toList();
        if (resolved.isEmpty()) {
            this.names.remove(key(name));
        }
        else {
            this.names.put(key(name), resolved);
        }
    }

    /**
     * Returns the number of A queries answered so far.
     * @return the count
     */
    public int queries() {
        return this.queries.get();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (java.net.UnknownHostException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public void close() {
        this.channel.close().syncUninterruptibly();
        this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answers extends SimpleChannelInboundHandler<DatagramDnsQuery> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<InetAddress> addresses = TestDnsServer.this.names.get(key(question.name()));
            if (addresses == null) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            }
            else if (question.type() == DnsRecordType.A) {
                TestDnsServer.this.queries.incrementAndGet();
                for (InetAddress address : addresses) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A,
                            TestDnsServer.this.ttlSeconds, Unpooled.wrappedBuffer(address.getAddress())));
                }
            }
            ctx.writeAndFlush(response);
        }

    }

}
