package io.rpcboot.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The demo as Docker Swarm services on a one-node swarm of its own, the way an
 * orchestrator runs it: catalog-service (one replica), inventory-service (three
 * replicas), and order-service calling the inventory at
 * {@code rpc://tasks.inventory:9090}, the name that answers every replica's address (as a
 * Kubernetes headless service does), its REST API published on a free host port.
 * <p>
 * A JUnit extension for a {@code static} field: it makes the swarm, the overlay network
 * and the services before the tests of its class, and leaves the swarm after them, which
 * removes every service, container and network it made, whether the tests passed or not
 * (and, through a shutdown hook, when the test JVM is stopped). The swarm's node carries
 * a label; a swarm left by a run that was killed outright is recognised by it and left
 * before the next run starts. A swarm that this class did not make is never touched: the
 * tests are skipped, or fail with {@code E2E_REQUIRE_DOCKER=true}, saying why.
 * <p>
 * Swarm mode is driven through the docker CLI: Testcontainers has no support for it.
 * Every service runs in the {@code dnsrr} endpoint mode but the inventory: Swarm's
 * virtual IPs need the kernel's IPVS, which some machines (our CI's) lack, and the
 * inventory is reached through {@code tasks.inventory}, which answers the replicas'
 * addresses in either mode. For the same reason the REST API is published in {@code host}
 * mode rather than through the routing mesh.
 */
final class DemoSwarm implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** The label on the swarm's node that says this class made the swarm. */
    private static final String OWNER_LABEL = "io.rpcboot.e2e.swarm";

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

    /** Services start slowly on a busy machine: a converging command may take minutes. */
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofMinutes(6);

    private static final int PRINTED_LOG_LINES = 200;

    private static final boolean DOCKER_REQUIRED = Boolean.getBoolean("e2e.require-docker")
            || "true".equalsIgnoreCase(System.getenv("E2E_REQUIRE_DOCKER"));

    /**
     * A reservation as inventory-service logs it, after the task's name that
     * {@code docker service logs --no-trunc} puts before each line:
     * {@code inventory.2.<task id>@<node> | ... Reserved 1 x COFFEE-1KG (<id>)}.
     */
    private static final Pattern RESERVED = Pattern.compile(
            "^\\S+ inventory\\.\\d+\\.(\\w+)@\\S+\\s+\\|.* (Reserved|Released) (\\d+) x (\\S+) \\(([0-9a-f-]+)\\)\\s*$");

    private final String name = "rpcboot-e2e-" + UUID.randomUUID().toString().substring(0, 8);

    private final Map<String, String> orderEnvironment = new LinkedHashMap<>();

    private final List<String> services = new ArrayList<>();

    /** Runs the commands and builds that go on in parallel: they block, waiting. */
    private final ExecutorService commands = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "e2e-swarm-command");
        thread.setDaemon(true);
        return thread;
    });

    private boolean swarmCreated;

    private boolean gatewayBridgeCreated;

    private int orderPort;

    private DockerCli.Follower inventoryLog;

    private Thread shutdownHook;

    /**
     * Sets an environment variable of order-service.
     * @param name the variable
     * @param value its value
     * @return this swarm
     */
    DemoSwarm withOrderEnvironment(String name, String value) {
        this.orderEnvironment.put(name, value);
        return this;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = whyNot();
        if (reason == null || DOCKER_REQUIRED) {
            return ConditionEvaluationResult.enabled("Docker Swarm mode is available, or required");
        }
        reason = reason + ", so the end-to-end tests of " + context.getRequiredTestClass().getSimpleName()
                + " are skipped (E2E_REQUIRE_DOCKER=true or -De2e.require-docker=true makes this a failure)";
        System.out.println("[e2e] SKIPPED: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /**
     * Returns why this machine cannot run the swarm.
     * @return the reason, or {@code null} when it can
     */
    private static String whyNot() {
        DockerCli.Result version = DockerCli.run(COMMAND_TIMEOUT, "version", "--format", "{{.Server.Version}}");
        if (version.exitCode() != 0) {
            return "Docker is not available (" + version + ")";
        }
        String state = swarmState();
        if (state.equals("inactive") || isOurs(state)) {
            return null;
        }
        return "this Docker engine is already part of a swarm (state '" + state + "') that these tests did not "
                + "make, and they leave it alone: run them on an engine outside any swarm "
                + "(`docker swarm leave --force` if that swarm is not needed)";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String reason = whyNot();
        if (reason != null) {
            throw new IllegalStateException("Docker Swarm mode is required (E2E_REQUIRE_DOCKER=true or "
                    + "-De2e.require-docker=true) but " + reason
                    + "; on our CI machines run `eval \"$(bash ../shared/ci/docker-ready.sh)\"` first");
        }
        this.shutdownHook = new Thread(this::close, "e2e-swarm-cleanup");
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
        try {
            start();
        }
        catch (RuntimeException ex) {
            printLogs("The demo services did not start on the swarm");
            close();
            throw ex;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // the JVM is shutting down: the hook has run, or runs, close() again
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogs(context.getDisplayName() + " failed");
    }

    /**
     * Returns a client of order-service's REST API.
     * @return the client
     */
    OrderApi orderApi() {
        return new OrderApi(URI.create("http://localhost:" + this.orderPort));
    }

    /**
     * Scales inventory-service, and waits until the swarm runs that many replicas, each
     * ready (its health check passed).
     * @param replicas how many replicas
     */
    void scaleInventory(int replicas) {
        DockerCli.check(CONVERGENCE_TIMEOUT, "service", "update", "--detach=false", "--quiet", "--replicas",
                String.valueOf(replicas), "inventory");
    }

    /**
     * Restarts every replica of inventory-service, one by one, as a rolling update does
     * ({@code docker service update --force}): each new replica starts and passes its
     * health check before the one it replaces is stopped (SIGTERM, and it drains).
     */
    void rollInventory() {
        DockerCli.check(CONVERGENCE_TIMEOUT, "service", "update", "--detach=false", "--quiet", "--force", "inventory");
    }

    /**
     * Returns the replicas of inventory-service that the swarm runs now.
     * @return their task ids
     */
    List<String> runningInventoryTasks() {
        String tasks = DockerCli.check(COMMAND_TIMEOUT, "service", "ps", "inventory", "--no-trunc", "--filter",
                "desired-state=running", "--format", "{{.ID}} {{.CurrentState}}");
        return tasks.lines().filter((line) -> line.contains(" Running")).map((line) -> line.split(" ")[0]).toList();
    }

    /**
     * Returns every reservation that inventory-service's replicas logged since they were
     * created, those of replicas removed since included.
     * @return the reservations, in the order the swarm delivered their lines
     */
    List<Reservation> reservations() {
        return logged(true);
    }

    /**
     * Returns every reservation that inventory-service's replicas logged as released (an
     * order that failed after its stock was reserved releases it).
     * @return the released reservations
     */
    List<Reservation> releases() {
        return logged(false);
    }

    private List<Reservation> logged(boolean reserved) {
        List<Reservation> reservations = new ArrayList<>();
        for (String line : this.inventoryLog.lines()) {
            Matcher matcher = RESERVED.matcher(line);
            if (matcher.matches() && matcher.group(2).equals(reserved ? "Reserved" : "Released")) {
                reservations.add(new Reservation(matcher.group(1), matcher.group(5), matcher.group(4),
                        Integer.parseInt(matcher.group(3))));
            }
        }
        return reservations;
    }

    private void start() {
        long begin = System.nanoTime();
        if (isOurs(swarmState())) {
            System.out.println("[e2e] Leaving the swarm that a killed run of these tests left behind");
            DockerCli.check(COMMAND_TIMEOUT, "swarm", "leave", "--force");
        }
        boolean gatewayBridgeExisted = DockerCli.run(COMMAND_TIMEOUT, "network", "inspect", "docker_gwbridge")
            .exitCode() == 0;
        CompletableFuture<Map<String, String>> images = CompletableFuture.supplyAsync(this::buildImages, this.commands);
        DockerCli.check(COMMAND_TIMEOUT, "swarm", "init", "--advertise-addr", "127.0.0.1");
        this.swarmCreated = true;
        this.gatewayBridgeCreated = !gatewayBridgeExisted;
        String node = DockerCli.check(COMMAND_TIMEOUT, "info", "--format", "{{.Swarm.NodeID}}");
        DockerCli.check(COMMAND_TIMEOUT, "node", "update", "--label-add", OWNER_LABEL + "=true", node);
        DockerCli.check(COMMAND_TIMEOUT, "network", "create", "--driver", "overlay", "--attachable", this.name);
        this.orderPort = freePort();
        Map<String, String> image = images.join();
        System.out.printf("[e2e] swarm, network and images ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);

        List<CompletableFuture<String>> created = new ArrayList<>();
        created.add(createService("catalog", image.get("catalog-service"), List.of("--endpoint-mode", "dnsrr")));
        created.add(createService("inventory", image.get("inventory-service"),
                List.of("--replicas", "3", "--env",
                        "SPRING_APPLICATION_JSON={\"inventory\":{\"initial-stock\":{\"COFFEE-1KG\":1000000}}}",
                        // The rolling update: one replica at a time, the new one ready
                        // before
                        // the old one gets SIGTERM; the old one drains its calls within
                        // spring.lifecycle.timeout-per-shutdown-phase (20 s), well inside
                        // the grace period before SIGKILL.
                        "--update-order", "start-first", "--update-parallelism", "1", "--update-delay", "0s",
                        "--stop-grace-period", "30s")));
        List<String> order = new ArrayList<>(List.of("--endpoint-mode", "dnsrr", "--publish",
                "mode=host,target=" + DemoSystem.WEB_PORT + ",published=" + this.orderPort, "--env",
                "RPC_CLIENT_SERVICES_CATALOG_URLS=rpc://catalog:" + DemoSystem.RPC_PORT, "--env",
                "RPC_CLIENT_SERVICES_INVENTORY_URLS=rpc://tasks.inventory:" + DemoSystem.RPC_PORT));
        this.orderEnvironment.forEach((key, value) -> order.addAll(List.of("--env", key + "=" + value)));
        created.add(createService("order", image.get("order-service"), order));
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
        // From the beginning of every replica's log, and on as replicas come and go: the
        // logs of
        // a replica that is scaled away are removed with it.
        this.inventoryLog = DockerCli.follow("service", "logs", "--follow", "--no-trunc", "--timestamps", "inventory");
        System.out.printf("[e2e] catalog (1), inventory (3) and order (1) running and healthy on the swarm in %.1f s "
                + "(base image %s)%n", (System.nanoTime() - begin) / 1e9, DemoImages.BASE_IMAGE);
    }

    private CompletableFuture<String> createService(String service, String image, List<String> options) {
        List<String> command = new ArrayList<>(List.of("service", "create", "--detach=false", "--quiet",
                "--no-resolve-image", "--name", service, "--network", this.name, "--limit-memory", "768m",
                // C1 only: these JVMs live for minutes, and start faster without the
                // optimizing compiler
                "--env", "JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1", "--env", "SPRING_MAIN_BANNER_MODE=off",
                // The images' health check (a small JVM each time), given time on a busy
                // machine: a swarm replaces a replica whose check fails, or times out,
                // too often.
                "--health-interval", "5s", "--health-timeout", "30s", "--health-retries", "5", "--health-start-period",
                "5m"));
        command.addAll(options);
        command.add(image);
        synchronized (this.services) {
            this.services.add(service);
        }
        return CompletableFuture.supplyAsync(() -> DockerCli.check(CONVERGENCE_TIMEOUT, command.toArray(String[]::new)),
                this.commands);
    }

    private Map<String, String> buildImages() {
        Map<String, CompletableFuture<String>> builds = new LinkedHashMap<>();
        for (String service : List.of("catalog-service", "inventory-service", "order-service")) {
            builds.put(service, CompletableFuture.supplyAsync(() -> DemoImages.of(service).get(), this.commands));
        }
        Map<String, String> images = new LinkedHashMap<>();
        builds.forEach((service, build) -> images.put(service, build.join()));
        return images;
    }

    private synchronized void close() {
        if (this.inventoryLog != null) {
            this.inventoryLog.close();
            this.inventoryLog = null;
        }
        if (!this.swarmCreated) {
            return;
        }
        List<String> services;
        synchronized (this.services) {
            services = new ArrayList<>(this.services);
        }
        if (!services.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("service", "rm"));
            remove.addAll(services);
            report(DockerCli.run(COMMAND_TIMEOUT, remove.toArray(String[]::new)));
        }
        // Leaving stops the services' containers and removes them and the overlay
        // networks.
        DockerCli.Result left = DockerCli.run(COMMAND_TIMEOUT, "swarm", "leave", "--force");
        if (left.exitCode() != 0) {
            System.err.println("[e2e] COULD NOT LEAVE THE SWARM: " + left);
            return;
        }
        this.swarmCreated = false;
        if (this.gatewayBridgeCreated) {
            report(DockerCli.run(COMMAND_TIMEOUT, "network", "rm", "docker_gwbridge"));
            this.gatewayBridgeCreated = false;
        }
    }

    private static void report(DockerCli.Result result) {
        if (result.exitCode() != 0) {
            System.err.println("[e2e] Cleaning up: " + result);
        }
    }

    private void printLogs(String why) {
        if (!this.swarmCreated) {
            return;
        }
        StringBuilder logs = new StringBuilder();
        List<String> services;
        synchronized (this.services) {
            services = new ArrayList<>(this.services);
        }
        for (String service : services) {
            logs.append("----- ")
                .append(service)
                .append(" (docker service ps)\n")
                .append(DockerCli.run(COMMAND_TIMEOUT, "service", "ps", "--no-trunc", service).output())
                .append("----- ")
                .append(service)
                .append(" (last ")
                .append(PRINTED_LOG_LINES)
                .append(" lines)\n")
                .append(DockerCli
                    .run(COMMAND_TIMEOUT, "service", "logs", "--no-trunc", "--tail", String.valueOf(PRINTED_LOG_LINES),
                            service)
                    .output());
        }
        System.out.println("\n[e2e] " + why + ": the services on the swarm\n" + logs);
    }

    private static String swarmState() {
        return DockerCli.check(COMMAND_TIMEOUT, "info", "--format", "{{.Swarm.LocalNodeState}}");
    }

    private static boolean isOurs(String state) {
        if (!state.equals("active")) {
            return false;
        }
        DockerCli.Result label = DockerCli.run(COMMAND_TIMEOUT, "node", "inspect", "self", "--format",
                "{{index .Spec.Labels \"" + OWNER_LABEL + "\"}}");
        return label.exitCode() == 0 && label.output().strip().equals("true");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port for order-service's REST API", ex);
        }
    }

    /**
     * A reservation that an inventory replica logged.
     *
     * @param task the replica's task id
     * @param id the reservation's id
     * @param sku the product
     * @param quantity how many items
     */
    record Reservation(String task, String id, String sku, int quantity) {

    }

}
