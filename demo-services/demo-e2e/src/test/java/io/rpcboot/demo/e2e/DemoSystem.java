package io.rpcboot.demo.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * The three demo services as containers, run the way docker-compose.yml runs them: on a
 * network of their own, order-service calling catalog-service at
 * {@code rpc://catalog:9090} and inventory-service at {@code rpc://inventory:9090}, its
 * REST API published on a free host port.
 * <p>
 * A JUnit extension for a {@code static} field: it starts the services before the tests
 * of its class (in parallel, each ready when its image's health check says so), stops and
 * removes them and their network after them, and prints the containers' logs when a test
 * fails. Without Docker the tests are skipped, and say why; with
 * {@code E2E_REQUIRE_DOCKER=true} (or {@code -De2e.require-docker=true}), as in CI, they
 * fail instead.
 */
final class DemoSystem implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {

    /**
     * The port of the catalog's and the inventory's rpcboot servers in their containers.
     */
    static final int RPC_PORT = 9090;

    /**
     * The web port of every service in its container: order-service's REST API, and
     * Actuator.
     */
    static final int WEB_PORT = 8080;

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private static final long MEMORY_LIMIT = 768L * 1024 * 1024;

    private static final int PRINTED_LOG_LINES = 400;

    private static final boolean DOCKER_REQUIRED = Boolean.getBoolean("e2e.require-docker")
            || "true".equalsIgnoreCase(System.getenv("E2E_REQUIRE_DOCKER"));

    private static volatile Boolean dockerAvailable;

    private final Map<String, String> catalogEnvironment = new LinkedHashMap<>();

    private final List<String> logsOfRemovedContainers = new ArrayList<>();

    private Consumer<GenericContainer<?>> eachService = (container) -> {
    };

    private Network network;

    private GenericContainer<?> catalog;

    private GenericContainer<?> inventory;

    private GenericContainer<?> order;

    /**
     * Makes every call to the catalog wait before it answers ({@code catalog.latency}),
     * so that calls are in flight whenever the catalog is asked to stop.
     * @param latency how long each call waits
     * @return this system
     */
    DemoSystem withCatalogLatency(Duration latency) {
        this.catalogEnvironment.put("CATALOG_LATENCY", latency.toMillis() + "ms");
        return this;
    }

    /**
     * Configures every service's container further before it starts, for example with a
     * Spring profile and the files it reads.
     * @param customizer what to do to each container
     * @return this system
     */
    DemoSystem withEachService(Consumer<GenericContainer<?>> customizer) {
        this.eachService = customizer;
        return this;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (isDockerAvailable() || DOCKER_REQUIRED) {
            return ConditionEvaluationResult.enabled("Docker is available, or required");
        }
        String reason = "Docker is not available, so the end-to-end tests of "
                + context.getRequiredTestClass().getSimpleName() + " are skipped (E2E_REQUIRE_DOCKER=true "
                + "or -De2e.require-docker=true makes this a failure)";
        System.out.println("[e2e] SKIPPED: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isDockerAvailable()) {
            throw new IllegalStateException("Docker is required (E2E_REQUIRE_DOCKER=true or -De2e.require-docker=true) "
                    + "but not available: start a Docker engine, or on our CI machines run "
                    + "`eval \"$(bash ../shared/ci/docker-ready.sh)\"` first");
        }
        try {
            start();
        }
        catch (RuntimeException ex) {
            printLogs("The demo services did not start");
            close();
            throw ex;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
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
        return new OrderApi(URI.create("http://" + this.order.getHost() + ":" + this.order.getMappedPort(WEB_PORT)));
    }

    GenericContainer<?> catalog() {
        return this.catalog;
    }

    GenericContainer<?> order() {
        return this.order;
    }

    /**
     * Returns the three services' containers.
     * @return the containers by network alias
     */
    Map<String, GenericContainer<?>> containers() {
        Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
        containers.put("catalog", this.catalog);
        containers.put("inventory", this.inventory);
        containers.put("order", this.order);
        return containers;
    }

    /**
     * Stops inventory-service as a crash would: kills its container and removes it, so
     * that its name stops resolving on the network.
     */
    synchronized void killInventory() {
        retire("inventory", this.inventory);
        this.inventory.stop();
    }

    /**
     * Starts inventory-service again in a new container with the same name on the
     * network, and waits until its health check says it is ready.
     */
    void startInventory() {
        GenericContainer<?> replacement = service("inventory-service", "inventory");
        synchronized (this) {
            this.inventory = replacement;
        }
        replacement.start();
    }

    /**
     * Restarts catalog-service's container as {@code docker restart} would:
     * {@code docker stop} (SIGTERM, then SIGKILL when the grace period is over), then
     * {@code docker start}, and waits until its health check says it is ready.
     * @param gracePeriod how long docker waits for the service to stop before it kills it
     * @return what happened
     */
    Restart restartCatalog(Duration gracePeriod) {
        DockerClient docker = this.catalog.getDockerClient();
        String id = this.catalog.getContainerId();
        Instant stopping = Instant.now();
        docker.stopContainerCmd(id).withTimeout((int) gracePeriod.toSeconds()).exec();
        Instant stopped = Instant.now();
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        docker.startContainerCmd(id).exec();
        Instant started = Instant.now();
        Awaitility.await("catalog-service healthy after its restart")
            .atMost(STARTUP_TIMEOUT)
            .pollInterval(Duration.ofMillis(250))
            .until(this.catalog::isHealthy);
        return new Restart(stopping, stopped, state.getExitCodeLong(), Boolean.TRUE.equals(state.getOOMKilled()),
                started, Instant.now());
    }

    private void start() {
        long begin = System.nanoTime();
        this.network = Network.newNetwork();
        this.catalog = service("catalog-service", "catalog").withEnv(this.catalogEnvironment);
        this.inventory = service("inventory-service", "inventory");
        this.order = service("order-service", "order")
            .withEnv("RPC_CLIENT_SERVICES_CATALOG_URLS", "rpc://catalog:" + RPC_PORT)
            .withEnv("RPC_CLIENT_SERVICES_INVENTORY_URLS", "rpc://inventory:" + RPC_PORT)
            .withExposedPorts(WEB_PORT);
        try {
            Startables.deepStart(this.catalog, this.inventory, this.order).join();
        }
        catch (CompletionException ex) {
            throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
        }
        System.out.printf("[e2e] catalog, inventory and order started and healthy in %.1f s (base image %s)%n",
                (System.nanoTime() - begin) / 1e9, DemoImages.BASE_IMAGE);
    }

    private GenericContainer<?> service(String module, String alias) {
        GenericContainer<?> container = new GenericContainer<>(DemoImages.of(module)).withNetwork(this.network)
            .withNetworkAliases(alias)
            // C1 only: these JVMs live for a minute, and start faster without the
            // optimizing compiler
            .withEnv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")
            .withEnv("SPRING_MAIN_BANNER_MODE", "off")
            .withCreateContainerCmdModifier((create) -> create.getHostConfig().withMemory(MEMORY_LIMIT))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP_TIMEOUT));
        this.eachService.accept(container);
        return container;
    }

    private void close() {
        for (GenericContainer<?> container : new GenericContainer<?>[] { this.order, this.inventory, this.catalog }) {
            if (container != null) {
                container.stop();
            }
        }
        if (this.network != null) {
            this.network.close();
        }
    }

    private synchronized void retire(String alias, GenericContainer<?> container) {
        this.logsOfRemovedContainers.add(section(alias + " (removed)", container.getLogs()));
    }

    private synchronized void printLogs(String why) {
        StringBuilder logs = new StringBuilder();
        this.logsOfRemovedContainers.forEach(logs::append);
        containers().forEach((alias, container) -> {
            if (container != null && container.getContainerId() != null) {
                try {
                    logs.append(section(alias, container.getLogs()));
                }
                catch (RuntimeException ex) {
                    logs.append("----- ").append(alias).append(": no logs (").append(ex).append(")\n");
                }
            }
        });
        System.out.println("\n[e2e] " + why + ": " + (logs.isEmpty() ? "no container of the demo services was created"
                : "logs of the demo services\n" + logs));
    }

    private static String section(String name, String log) {
        List<String> lines = log.lines().toList();
        StringBuilder section = new StringBuilder("----- ").append(name);
        if (lines.size() > PRINTED_LOG_LINES) {
            section.append(" (last ").append(PRINTED_LOG_LINES).append(" of ").append(lines.size()).append(" lines)");
            lines = lines.subList(lines.size() - PRINTED_LOG_LINES, lines.size());
        }
        section.append('\n');
        lines.forEach((line) -> section.append(name).append(" | ").append(line).append('\n'));
        return section.toString();
    }

    private static boolean isDockerAvailable() {
        Boolean available = dockerAvailable;
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
            dockerAvailable = available;
        }
        return available;
    }

    /**
     * A restart of a container.
     *
     * @param stopping when {@code docker stop} was called
     * @param stopped when the container had stopped
     * @param exitCode the exit code of its main process: 143 for a JVM that ended on
     * SIGTERM, 137 for one that was killed
     * @param oomKilled whether the kernel killed it for lack of memory
     * @param started when {@code docker start} had started it again
     * @param healthy when its health check said it was ready again
     */
    record Restart(Instant stopping, Instant stopped, long exitCode, boolean oomKilled, Instant started,
            Instant healthy) {

    }

}
