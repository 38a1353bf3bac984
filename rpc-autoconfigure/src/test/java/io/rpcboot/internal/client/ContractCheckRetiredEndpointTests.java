package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.protocol.PayloadCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server's answer to DESCRIBE that arrives after its endpoint left the service (removed
 * by discovery or DNS while the answer was on its way) leaves no result behind: the
 * results hold the service's endpoints only. A socket cannot force the answer to come
 * after the endpoint's retirement, so the test makes the connection's reports directly,
 * in that order.
 */
class ContractCheckRetiredEndpointTests {

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);

    private final ContractCheck check = new ContractCheck("jobs", ContractCheckMode.WARN,
            new ContractDescriber(new JsonMapper()), Map.of());

    @AfterEach
    void stopTimer() {
        this.timer.stop();
    }

    @Test
    void descriptionThatArrivesAfterItsEndpointRetiredLeavesNoResult() {
        Endpoint endpoint = endpoint(7001);
        endpoint.retire();
        this.check.described(endpoint.address(), "");
        assertThat(this.check.results()).as("results of the endpoints that left").isEmpty();
    }

    @Test
    void refusalOrSilenceThatArrivesAfterItsEndpointRetiredLeavesNoResult() {
        Endpoint refusing = endpoint(7002);
        Endpoint silent = endpoint(7003);
        refusing.retire();
        silent.retire();
        this.check.refused(refusing.address(), RpcStatus.UNAUTHENTICATED, "no credentials");
        this.check.unsupported(silent.address());
        assertThat(this.check.results()).as("results of the endpoints that left").isEmpty();
    }

    @Test
    void descriptionOfAnEndpointInTheServiceIsKept() {
        Endpoint endpoint = endpoint(7004);
        this.check.described(endpoint.address(), "");
        assertThat(this.check.results()).containsOnlyKeys(endpoint.address());
        assertThat(this.check.results().get(endpoint.address()).status()).isEqualTo(ContractCheckResult.Status.UNKNOWN);
    }

    @Test
    void endpointThatCameBackAfterLeavingIsRecordedAgain() {
        endpoint(7005).retire();
        Endpoint back = endpoint(7005);
        this.check.unsupported(back.address());
        assertThat(this.check.results()).containsOnlyKeys(back.address());
    }

    private Endpoint endpoint(int port) {
        return new Endpoint(new InetSocketAddress("127.0.0.1", port), null, Bootstrap::new,
                new ClientOptions(4096, java.time.Duration.ofSeconds(1)), new PayloadCodec(new JsonMapper()),
                this.timer, EndpointBackoff.DEFAULT, () -> {
                }, this.check);
    }

}
