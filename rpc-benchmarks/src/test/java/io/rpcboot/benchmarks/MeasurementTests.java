package io.rpcboot.benchmarks;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A measurement's latency distribution, costs per call, and the result line that carries
 * it from the load JVM to the runner.
 */
class MeasurementTests {

    private static final Plan PLAN = Plan.parse("--smoke", "--stacks=rpcboot,grpc", "--scenarios=echo-1,stream-16,rate",
            "--rate=400");

    @Test
    void theDistributionKeepsTheLatencyAtEachPercentileFromTheFastestToTheSlowestCall() {
        Histogram latencies = new Histogram(LoadRunner.HIGHEST_NANOS, 3);
        for (long micros = 1; micros <= 1000; micros++) {
            latencies.recordValue(micros * 1000);
        }
        List<PercentilePoint> points = PercentilePoint.of(latencies);
        assertThat(points).extracting(PercentilePoint::percentile)
            .containsExactly(0.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999, 100.0);
        assertThat(points.get(0).nanos()).isEqualTo(1000);
        assertThat(points.get(1).nanos()).isCloseTo(500_000, within(500L));
        assertThat(points.get(5).nanos()).isCloseTo(990_000, within(1000L));
        assertThat(points.get(11).nanos()).isCloseTo(1_000_000, within(1000L));
        assertThat(points).extracting(PercentilePoint::nanos).isSorted();
        assertThat(PercentilePoint.of(new Histogram(LoadRunner.HIGHEST_NANOS, 3))).isEmpty();
    }

    @Test
    void aResultLineCarriesEveryFieldOfTheLoadJvmToTheRunner() {
        Histogram latencies = new Histogram(LoadRunner.HIGHEST_NANOS, 3);
        latencies.recordValue(120_000);
        latencies.recordValue(450_000);
        Scenario rate80 = PLAN.scenarios().get(3);
        Measurement sent = Measurement.of(Stack.GRPC, rate80, 320, 2, 1_000_000_000L, latencies,
                "fixed rate: java.io.IOException: reset\tby peer", 320.5,
                new Measurement.Costs(64_000, 3_000_000, -1, -1));
        Measurement received = Measurement.fromLine(sent.toLine(3), PLAN);
        assertThat(received).isNotNull();
        assertThat(received.stack()).isEqualTo(Stack.GRPC);
        assertThat(received.scenario()).isEqualTo(rate80);
        assertThat(received).usingRecursiveComparison().ignoringFields("firstError").isEqualTo(sent);
        assertThat(received.firstError()).isEqualTo("fixed rate: java.io.IOException: reset by peer");
        assertThat(received.percentiles()).hasSize(PercentilePoint.PERCENTILES.length);
    }

    @Test
    void theReferenceOfTheFixedRatesTravelsAsScenarioMinusOne() {
        Measurement sent = Measurement.failed(Stack.GRPC, PLAN.rateReference(), "refused");
        Measurement received = Measurement.fromLine(sent.toLine(Measurement.RATE_REFERENCE), PLAN);
        assertThat(received).isEqualTo(sent);
        assertThat(received.scenario().call()).isEqualTo(Scenario.Call.ECHO);
        assertThat(received.scenario().threads()).isEqualTo(64);
        assertThat(received.percentiles()).isEmpty();
    }

    @Test
    void costsPerCallAreUnknownUntilMeasuredAndPerMessageForStreams() {
        Histogram latencies = new Histogram(LoadRunner.HIGHEST_NANOS, 3);
        latencies.recordValue(1000);
        Scenario echo = PLAN.scenarios().get(0);
        Measurement load = Measurement.of(Stack.RPCBOOT, echo, 100, 0, 1000, latencies, null, 0,
                new Measurement.Costs(50_000, 200_000, -1, -1));
        assertThat(load.loadBytesPerCall()).isEqualTo(500);
        assertThat(load.loadCpuNanosPerCall()).isEqualTo(2000);
        assertThat(load.serverBytesPerCall()).isEqualTo(-1);
        assertThat(load.cpuNanosPerCall()).isEqualTo(-1);
        Measurement both = load.withCosts(load.costs().withServer(new JvmCosts.Reading(30_000, 100_000)));
        assertThat(both.serverBytesPerCall()).isEqualTo(300);
        assertThat(both.cpuNanosPerCall()).isEqualTo(3000);
        Scenario stream = PLAN.scenarios().get(1);
        Measurement streams = Measurement.of(Stack.RPCBOOT, stream, 10, 0, 1000, latencies, null, 0,
                new Measurement.Costs(20 * 10 * 100, 0, -1, -1));
        assertThat(streams.loadBytesPerCall()).isEqualTo(100);
    }

}
