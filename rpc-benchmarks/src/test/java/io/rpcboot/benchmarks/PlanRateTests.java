package io.rpcboot.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command-line options of the fixed-rate scenarios.
 */
class PlanRateTests {

    @Test
    void rateRunsBothFixedRatesAtTheirPercentageOfTheReference() {
        Plan plan = Plan.parse("--stacks=rpcboot,grpc", "--scenarios=echo-1,rate");
        assertThat(plan.scenarios()).extracting(Scenario::call)
            .containsExactly(Scenario.Call.ECHO, Scenario.Call.RATE, Scenario.Call.RATE);
        assertThat(plan.scenarios()).extracting(Scenario::size).containsExactly(0, 50, 80);
        assertThat(plan.referenceRate()).isZero();
    }

    @Test
    void theReferenceIsThePlansEchoWith64CallersOrOneWithTheSameOptions() {
        Plan with = Plan.parse("--smoke", "--stacks=grpc", "--scenarios=rate-80,echo-64");
        assertThat(with.rateReference()).isSameAs(with.scenarios().get(1));
        Plan without = Plan.parse("--stacks=grpc", "--scenarios=rate-50", "--warmup=0.1");
        assertThat(without.rateReference()).isEqualTo(Scenario.echo(64, 5_000, 0));
    }

    @Test
    void anExplicitRateIsTheReference() {
        Plan plan = Plan.parse("--stacks=netty", "--scenarios=rate-50", "--rate=12000.5");
        assertThat(plan.referenceRate()).isEqualTo(12000.5);
    }

    @Test
    void fixedRatesOfAnExplicitRateAreNamedByTheirCallsPerSecondNotByGrpcJava() {
        Plan plan = Plan.parse("--stacks=rpcboot,grpc", "--scenarios=rate", "--rate=23189");
        assertThat(plan.scenarios()).extracting(Scenario::name)
            .containsExactly("echo at 11,595 calls/s (50% of --rate=23,189), 64 senders",
                    "echo at 18,551 calls/s (80% of --rate=23,189), 64 senders");
    }

    @Test
    void fixedRatesOfGrpcJavasThroughputAreNamedSoWithTheRateTheRunMeasured() {
        Scenario scenario = Plan.parse("--stacks=rpcboot,grpc", "--scenarios=rate-50").scenarios().get(0);
        assertThat(scenario.name()).isEqualTo("echo at 50% of gRPC-java's max, 64 senders");
        assertThat(scenario.nameAt(4321.4)).isEqualTo("echo at 50% of gRPC-java's max (4,321 calls/s), 64 senders");
        assertThat(scenario.nameAt(0)).isEqualTo(scenario.name());
    }

    @Test
    void withoutGrpcJavaOrAnExplicitRateTheFixedRatesHaveNoReference() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Plan.parse("--stacks=rpcboot,netty", "--scenarios=echo-64,rate"))
            .withMessageContaining("--rate=N")
            .withMessageContaining("grpc");
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Plan.parse("--rate=0")).withMessageContaining("--rate=0");
        assertThatIllegalArgumentException().isThrownBy(() -> Plan.parse("--rate=fast"))
            .withMessageContaining("positive number of calls/s");
    }

}
