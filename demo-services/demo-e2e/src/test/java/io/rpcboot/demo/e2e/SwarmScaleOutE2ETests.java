package io.rpcboot.demo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo on a real orchestrator (Docker Swarm mode, one node): inventory-service runs
 * as several replicas, and order-service calls it through
 * {@code rpc://tasks.inventory:9090}, the name that answers every replica's address, as a
 * Kubernetes headless service does. While orders flow steadily the inventory is scaled
 * from 3 replicas to 5, then to 2, then every replica is replaced by a rolling update: no
 * order fails, no order is reserved twice (counted on the inventory's side, from what
 * each replica logged), and every replica running in each steady phase serves some of the
 * orders.
 */
class SwarmScaleOutE2ETests {

    private static final String SKU = "COFFEE-1KG";

    /** Three clients, each pausing 100 ms after each order: a few orders per 100 ms. */
    private static final int CLIENTS = 3;

    private static final Duration PAUSE = Duration.ofMillis(100);

    /**
     * How long each replica of a steady phase has to serve its first order: order-service
     * looks {@code tasks.inventory} up again every 2 s here (the default is longer).
     */
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(30);

    /** How long the first order may take to go through. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(1);

    /** How long the inventory's log lines may take to come through the swarm. */
    private static final Duration LOG_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final DemoSwarm swarm = new DemoSwarm().withOrderEnvironment("RPC_CLIENT_RESOLVE_INTERVAL", "2s");

    @Test
    void ordersNeitherFailNorRunTwiceAndSpreadOverTheReplicasWhileTheInventoryScalesAndRolls() throws Exception {
        long begin = System.nanoTime();
        OrderApi api = swarm.orderApi();
        // The services have just started: their first connections and calls are slow
        // (JIT, class loading), and may time out on a busy machine. The load starts once
        // an order went through.
        List<OrderApi.Response> warmUp = new ArrayList<>();
        await(WARM_UP_TIMEOUT,
                () -> warmUp.add(api.placeOrder(SKU, 1)) && warmUp.get(warmUp.size() - 1).status() == 201);
        OrderApi.Response first = warmUp.get(warmUp.size() - 1);
        assertThat(first.status()).as("the first order, after %s", warmUp).isEqualTo(201);
        List<Phase> phases = new ArrayList<>();
        OrderLoad load = OrderLoad.paced(api, CLIENTS, SKU, PAUSE);
        try (load) {
            phases.add(steadyPhase("3 replicas"));
            swarm.scaleInventory(5);
            phases.add(steadyPhase("scaled up to 5"));
            swarm.scaleInventory(2);
            phases.add(steadyPhase("scaled down to 2"));
            swarm.rollInventory();
            phases.add(steadyPhase("2, every replica replaced by a rolling update"));
        }
        // Only once the load is closed: an order in flight before that would be placed,
        // and its reservation kept, with no call recorded for it.
        List<OrderLoad.Call> calls = load.calls();
        List<String> ordered = new ArrayList<>(List.of(first.field("reservationId")));
        calls.stream().filter((call) -> call.status() == 201).forEach((call) -> ordered.add(call.reservationId()));
        await(LOG_DELIVERY_TIMEOUT, () -> reservedIds().containsAll(ordered));
        List<DemoSwarm.Reservation> reservations = swarm.reservations();
        List<String> reserved = reservations.stream().map(DemoSwarm.Reservation::id).toList();
        // An order that failed after its reservation was made released it: not an order
        // placed.
        Set<String> released = swarm.releases().stream().map(DemoSwarm.Reservation::id).collect(Collectors.toSet());
        List<String> kept = reserved.stream().filter((id) -> !released.contains(id)).toList();
        List<OrderLoad.Call> failed = calls.stream().filter((call) -> call.status() != 201).toList();

        System.out.printf(
                "[e2e] %d orders in %.1f s while inventory-service was scaled 3 -> 5 -> 2 and rolled; %d "
                        + "failed; %d reservations logged by the replicas (%d released):%n",
                ordered.size() + failed.size(), (System.nanoTime() - begin) / 1e9, failed.size(), reservations.size(),
                released.size());
        Map<String, Long> byTask = reservations.stream()
            .collect(Collectors.groupingBy(DemoSwarm.Reservation::task, LinkedHashMap::new, Collectors.counting()));
        byTask.forEach((task, count) -> System.out.printf("[e2e]   %6d  replica %s%n", count, task));
        phases.forEach((phase) -> System.out.println("[e2e]   " + phase));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(failed.stream().limit(20).toList())
            .as("orders that failed: %d (the first 20 shown)", failed.size())
            .isEmpty();
        softly.assertThat(duplicates(reserved)).as("reservations logged more than once").isEmpty();
        // None placed twice, none lost: every reservation kept is an order placed, and
        // every order placed has one.
        Set<String> orderedIds = new HashSet<>(ordered);
        Set<String> keptIds = new HashSet<>(kept);
        // A warm-up order that timed out in order-service may still have been reserved by
        // the replica (its answer came too late): at most one such reservation for each.
        long warmUpFailures = warmUp.size() - 1;
        softly
            .assertThat(reservations.stream()
                .filter((reservation) -> keptIds.contains(reservation.id()) && !orderedIds.contains(reservation.id()))
                .limit(20)
                .toList())
            .as("reservations kept by the replicas for no order placed (the first 20), of %d kept for %d orders "
                    + "(%d warm-up orders failed: %s)", kept.size(), ordered.size(), warmUpFailures, warmUp)
            .hasSizeLessThanOrEqualTo((int) warmUpFailures);
        softly.assertThat(ordered.stream().filter((id) -> !keptIds.contains(id)).limit(20).toList())
            .as("orders placed whose reservation no replica logged (the first 20)")
            .isEmpty();
        for (Phase phase : phases) {
            softly.assertThat(phase.idle())
                .as("replicas that served no order within %s of the phase '%s' (%s)", SPREAD_TIMEOUT, phase.name(),
                        phase)
                .isEmpty();
        }
        softly.assertAll();
    }

    /**
     * Waits until every replica running now has served an order, or for
     * {@link #SPREAD_TIMEOUT}, and returns what each served meanwhile.
     */
    private static Phase steadyPhase(String name) {
        List<String> tasks = swarm.runningInventoryTasks();
        int since = swarm.reservations().size();
        long start = System.nanoTime();
        await(SPREAD_TIMEOUT, () -> servedSince(since, tasks).values().stream().allMatch((count) -> count > 0));
        return new Phase(name, servedSince(since, tasks), Duration.ofNanos(System.nanoTime() - start));
    }

    private static Map<String, Long> servedSince(int since, List<String> tasks) {
        Map<String, Long> served = new LinkedHashMap<>();
        tasks.forEach((task) -> served.put(task, 0L));
        List<DemoSwarm.Reservation> reservations = swarm.reservations();
        for (DemoSwarm.Reservation reservation : reservations.subList(since, reservations.size())) {
            served.computeIfPresent(reservation.task(), (task, count) -> count + 1);
        }
        return served;
    }

    private static Set<String> reservedIds() {
        return swarm.reservations().stream().map(DemoSwarm.Reservation::id).collect(Collectors.toSet());
    }

    private static Set<String> duplicates(List<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.stream().filter((id) -> !seen.add(id)).collect(Collectors.toSet());
    }

    /**
     * Polls a condition until it holds or the time is up.
     * @return whether it held
     */
    private static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return true;
    }

    /**
     * A steady phase: the replicas that ran, and how many orders each served in it.
     *
     * @param name what the phase follows
     * @param served the orders served, by the task id of each replica running at its
     * start
     * @param elapsed how long it lasted
     */
    record Phase(String name, Map<String, Long> served, Duration elapsed) {

        List<String> idle() {
            return this.served.entrySet()
                .stream()
                .filter((entry) -> entry.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
        }

        @Override
        public String toString() {
            return String.format("%s: %d ms, served by replica %s", this.name, this.elapsed.toMillis(), this.served);
        }

    }

}
