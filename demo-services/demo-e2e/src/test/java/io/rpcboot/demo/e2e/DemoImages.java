package io.rpcboot.demo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PruneType;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The images of the demo services, built from their own Dockerfiles (the ones
 * docker-compose.yml builds) with the executable jars that the build made before this
 * module. Each is built once per test run, the first time a test asks for it, and removed
 * when the JVM exits, together with the images of the Dockerfiles' unpacking stage
 * (Docker's builder without BuildKit keeps them).
 */
final class DemoImages {

    /**
     * The Java runtime image the services run on ({@code BASE_IMAGE} of the Dockerfiles):
     * {@code E2E_BASE_IMAGE} when set, such as the {@code rpcboot/jre:17} that
     * {@code shared/ci/docker-ready.sh} builds on machines that cannot pull images.
     */
    static final String BASE_IMAGE = System.getenv().getOrDefault("E2E_BASE_IMAGE", "eclipse-temurin:17-jre");

    private static final String STAGE_LABEL = "io.rpcboot.demo.build-stage=layers";

    private static final String TAG = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

    private static final Path DEMO_SERVICES = Path.of(System.getProperty("e2e.demo-services-dir", ".."))
        .toAbsolutePath()
        .normalize();

    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    private static final Map<String, ImageFromDockerfile> images = new ConcurrentHashMap<>();

    private static boolean baseImagePresent;

    private static String baseImageProblem;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DemoImages::removeAll, "e2e-image-cleanup"));
    }

    private DemoImages() {
    }

    /**
     * Returns the image of a service, built on first use.
     * @param service the service's module, such as {@code catalog-service}
     * @return the image, which builds when a container first needs it
     */
    static ImageFromDockerfile of(String service) {
        requireBaseImage();
        return images.computeIfAbsent(service, DemoImages::image);
    }

    /**
     * Makes sure that the base image is on this machine, pulling it once when it is not,
     * so that a machine that cannot pull fails at once, saying what to do, rather than
     * after Testcontainers' pull retries for every image and every test class.
     */
    private static synchronized void requireBaseImage() {
        if (baseImagePresent) {
            return;
        }
        if (baseImageProblem != null) {
            throw new IllegalStateException(baseImageProblem);
        }
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(BASE_IMAGE).exec();
            baseImagePresent = true;
            return;
        }
        catch (NotFoundException ex) {
            System.out.println("[e2e] Pulling the services' base image " + BASE_IMAGE);
        }
        DockerImageName name = DockerImageName.parse(BASE_IMAGE);
        try {
            if (!docker.pullImageCmd(name.getUnversionedPart())
                .withTag(name.getVersionPart())
                .exec(new PullImageResultCallback())
                .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("no image after " + PULL_TIMEOUT);
            }
            baseImagePresent = true;
        }
        catch (RuntimeException | InterruptedException ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            baseImageProblem = "The services' base image " + BASE_IMAGE + " is not on this machine and could not be "
                    + "pulled (" + ex.getMessage() + "). Set E2E_BASE_IMAGE to a local Java 17 runtime image with "
                    + "/bin/sh; on machines that cannot pull images, `eval \"$(bash ../shared/ci/docker-ready.sh)\"` "
                    + "builds rpcboot/jre:17 and sets E2E_BASE_IMAGE to it";
            throw new IllegalStateException(baseImageProblem, ex);
        }
    }

    private static ImageFromDockerfile image(String service) {
        Path directory = DEMO_SERVICES.resolve(service);
        Path dockerfile = directory.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException(
                    "No Dockerfile at " + dockerfile + ": set e2e.demo-services-dir to the demo-services directory");
        }
        List<Path> jars = executableJars(directory.resolve("target"), service);
        if (jars.size() != 1) {
            throw new IllegalStateException("Expected one executable jar " + service + "-*-exec.jar in "
                    + directory.resolve("target") + ", found " + jars + ": build it first (`./mvnw verify` does "
                    + "before this module; alone: `./mvnw package -DskipTests -pl demo-services/" + service + " -am`)");
        }
        // The build context is the service's directory as its .dockerignore filters it:
        // the Dockerfile
        // and the executable jar.
        return new ImageFromDockerfile("rpcboot-demo/" + service + ":" + TAG, false).withDockerfile(dockerfile)
            .withBuildArg("BASE_IMAGE", BASE_IMAGE);
    }

    private static List<Path> executableJars(Path target, String service) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter((file) -> {
                String name = file.getFileName().toString();
                return name.startsWith(service + "-") && name.endsWith("-exec.jar");
            }).toList();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot list " + target, ex);
        }
    }

    private static void removeAll() {
        if (images.isEmpty()) {
            return;
        }
        DockerClient docker = DockerClientFactory.lazyClient();
        for (ImageFromDockerfile image : images.values()) {
            try {
                docker.removeImageCmd(image.getDockerImageName()).withForce(true).exec();
            }
            catch (NotFoundException ex) {
                // never built: no test needed it
            }
            catch (RuntimeException ex) {
                System.err.println("[e2e] Could not remove image " + image.getDockerImageName() + ": " + ex);
            }
        }
        try {
            docker.pruneCmd(PruneType.IMAGES).withLabelFilter(STAGE_LABEL).exec();
        }
        catch (RuntimeException ex) {
            System.err.println("[e2e] Could not remove the images labelled " + STAGE_LABEL + ": " + ex);
        }
    }

}
