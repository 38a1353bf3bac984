package io.rpcboot.demo.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's console samples are what the demo answers. The test starts the three
 * applications, places the sample orders that demo.sh places, then runs the commands of
 * the README's {@code console} blocks in order, with the ports that
 * {@code target/demo/ports.env} would hold, and compares what they print with the
 * samples: JSON by value, other lines as text, with ports, ids and timestamps left aside.
 * It also checks that demo.sh prints each of these commands.
 */
class ReadmeSamplesTests {

    private static final JsonMapper json = JsonMapper.shared();

    /** The variables of target/demo/ports.env, and what demo.sh calls them. */
    private static final Map<String, String> DEMO_SH_NAMES = Map.of("ORDER_WEB", "$order_port", "CATALOG_RPC",
            "$catalog_port", "CATALOG_WEB", "$catalog_web_port", "INVENTORY_RPC", "$inventory_port", "INVENTORY_WEB",
            "$inventory_web_port", "INVENTORY_PID", "$(pid_of inventory)");

    private static final List<Pattern> VOLATILE = List.of(Pattern.compile("(?<=(localhost|127\\.0\\.0\\.1):)\\d+"),
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));

    @Test
    void consoleSamplesAreWhatTheDemoAnswers() throws IOException {
        List<ConsoleSample> samples = ConsoleSample.readAll(projectFile("README.md"));
        assertThat(samples).extracting(ConsoleSample::command)
            .anyMatch((command) -> command.contains("/actuator/rpc"))
            .anyMatch((command) -> command.contains("TEAPOT"))
            .anyMatch((command) -> command.startsWith("kill "));
        List<String> mismatches = new ArrayList<>();
        try (DemoServices services = DemoServices.start()) {
            Map<String, String> ports = Map.of("ORDER_WEB", String.valueOf(services.webPort()), "CATALOG_RPC",
                    String.valueOf(services.catalogService().port()), "INVENTORY_RPC",
                    String.valueOf(services.inventoryService().port()), "INVENTORY_PID", "inventory-service");
            placeDemoShSampleOrders(services.webPort());
            for (ConsoleSample sample : samples) {
                String output = run(ShellCommand.parse(sample.command(), ports), services);
                if (!matches(sample, output)) {
                    mismatches.add(String.format("README.md line %d: $ %s%n--- README:%n%s%n--- answered:%n%s",
                            sample.line(), sample.command(), sample.output(), output));
                }
            }
        }
        assertThat(mismatches).as("README samples that differ from what the demo answers").isEmpty();
    }

    @Test
    void demoShPrintsEveryCommandOfTheReadmeWithItsPorts() throws IOException {
        String demoSh = Files.readString(projectFile("demo.sh"));
        List<String> commands = ConsoleSample.readAll(projectFile("README.md"))
            .stream()
            .map(ConsoleSample::command)
            .filter((command) -> !command.startsWith("source "))
            .toList();
        assertThat(commands).isNotEmpty().allSatisfy((command) -> {
            String printed = command.replace("\"", "\\\"");
            for (Map.Entry<String, String> name : DEMO_SH_NAMES.entrySet()) {
                printed = printed.replace("$" + name.getKey(), name.getValue());
            }
            // demo.sh may follow a command with a comment: echo "command # comment"
            assertThat(demoSh).as("demo.sh prints the README's command %s", command)
                .containsPattern(Pattern.compile("echo \"" + Pattern.quote(printed) + "(\"|\\s+#)"));
        });
    }

    /**
     * Runs demo.sh's {@code call METHOD PATH [BODY]} lines, as it does before printing
     * the commands.
     */
    private static void placeDemoShSampleOrders(int orderPort) throws IOException {
        List<String> calls = Files.readAllLines(projectFile("demo.sh"))
            .stream()
            .filter((line) -> line.startsWith("call "))
            .toList();
        assertThat(calls).as("demo.sh's sample calls").isNotEmpty();
        for (String call : calls) {
            List<String> words = ShellCommand.parse(call, Map.of()).words();
            List<String> curl = new ArrayList<>(List.of("-X", words.get(1), "localhost:" + orderPort + words.get(2)));
            if (words.size() > 3) {
                curl.addAll(List.of("-H", "Content-Type: application/json", "-d", words.get(3)));
            }
            Curl.run(curl);
        }
    }

    private static String run(ShellCommand command, DemoServices services) throws IOException {
        switch (command.program()) {
            case "source" -> {
                return "";
            }
            case "kill" -> {
                assertThat(command.words()).as("kill's argument").containsExactly("kill", "inventory-service");
                services.inventoryService().stop();
                return "";
            }
            case "curl" -> {
                String output = Curl.run(command.words().subList(1, command.words().size()));
                if (command.piped().isEmpty()) {
                    return output;
                }
                assertThat(command.piped()).as("the command after the pipe").hasSize(2).startsWith("grep");
                Pattern pattern = Pattern.compile(command.piped().get(1));
                return String.join("\n", output.lines().filter((line) -> pattern.matcher(line).find()).toList());
            }
            default -> throw new IllegalArgumentException("This test cannot run the README's command " + command);
        }
    }

    private static boolean matches(ConsoleSample sample, String output) {
        String expected = normalized(sample.output());
        String actual = normalized(output.strip());
        if (sample.command().contains("| grep")) {
            return expected.lines().sorted().toList().equals(actual.lines().sorted().toList());
        }
        int expectedBody = expected.indexOf("\n\n");
        int actualBody = actual.indexOf("\n\n");
        if (expected.startsWith("HTTP/") && expectedBody > 0 && actualBody > 0) {
            return expected.substring(0, expectedBody).equals(actual.substring(0, actualBody))
                    && sameBody(expected.substring(expectedBody + 2), actual.substring(actualBody + 2));
        }
        return sameBody(expected, actual);
    }

    private static boolean sameBody(String expected, String actual) {
        if (expected.startsWith("{") || expected.startsWith("[")) {
            try {
                return json.readTree(expected).equals(json.readTree(actual));
            }
            catch (RuntimeException ex) {
                return false;
            }
        }
        return expected.equals(actual);
    }

    private static String normalized(String text) {
        String normalized = text;
        for (Pattern pattern : VOLATILE) {
            normalized = pattern.matcher(normalized).replaceAll("*");
        }
        return normalized;
    }

    /**
     * Finds a file of the project's root directory, from the module's directory where
     * tests run.
     */
    private static Path projectFile(String name) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("demo.sh"))) {
                return directory.resolve(name);
            }
        }
        throw new IllegalStateException("No demo.sh in " + Path.of("").toAbsolutePath() + " or above");
    }

}
