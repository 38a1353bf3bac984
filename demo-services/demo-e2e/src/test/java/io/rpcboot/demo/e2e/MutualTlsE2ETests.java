package io.rpcboot.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with mutual TLS between its services, as docs/security.md and
 * docker-compose.tls.yml set it up: certificates made by demo-services/tls/make-certs.sh,
 * every service in the Spring profile {@code tls}; catalog-service and inventory-service
 * admit only clients with a certificate of the demo CA, and order-service checks that
 * theirs name the hosts it dials.
 */
class MutualTlsE2ETests {

    private static Path certificates;

    private static final List<String> FILES = List.of("ca.crt", "catalog.crt", "catalog.key", "inventory.crt",
            "inventory.key", "order.crt", "order.key");

    @RegisterExtension
    static final DemoSystem demo = new DemoSystem().withEachService((container) -> {
        container.withEnv("SPRING_PROFILES_ACTIVE", "tls");
        Path certificates = certificates();
        for (String file : FILES) {
            // readable by the services' own user
            container.withCopyFileToContainer(MountableFile.forHostPath(certificates.resolve(file), 0644),
                    "/certs/" + file);
        }
    });

    @Test
    void placesAnOrderOverMutualTls() {
        OrderApi.Response placed = demo.orderApi().placeOrder("COFFEE-1KG", 2);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("total").get("amount").asString()).isEqualTo("37.00");
        assertThat(placed.json().get("reservationId").asString()).isNotBlank();
        assertThat(demo.catalog().getLogs()).contains("rpcboot server listening on", ", TLS)");
    }

    /**
     * Makes the certificates once, when the services start (not when Docker is missing
     * and the test is skipped), with the script users run: the documented path is the
     * tested one.
     */
    private static synchronized Path certificates() {
        if (certificates != null) {
            return certificates;
        }
        try {
            Path directory = Files.createTempDirectory("rpcboot-demo-tls");
            Path script = Path.of("../tls/make-certs.sh").toAbsolutePath().normalize();
            Process process = new ProcessBuilder("sh", script.toString(), directory.toString())
                .redirectErrorStream(true)
                .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (it needs openssl): " + output);
            }
            certificates = directory;
            return directory;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
