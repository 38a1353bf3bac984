package io.rpcboot.benchmarks.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a soak runs, read from the command line.
 *
 * @param phase how long the load is measured in each phase
 * @param callers the well-behaved load's caller threads
 * @param abuse the names of the abusive patterns to run
 * @param volume a factor on every pattern's budget
 * @param warmupCalls the echo calls that warm up the server and the load before the first
 * phase
 * @param results where the report is written
 */
record SoakOptions(Duration phase, int callers, List<String> abuse, double volume, long warmupCalls, Path results) {

    /**
     * Reads options: {@code --seconds=60} (each phase), {@code --callers=16},
     * {@code --abuse=} a comma list of pattern names (default all, see
     * {@link Patterns#NAMES}), {@code --volume=1.0}, {@code --warmup=20000},
     * {@code --results=rpc-benchmarks/target/soak-results.md}.
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException on an unknown argument or pattern
     */
    static SoakOptions parse(String... args) {
        double seconds = 60;
        int callers = 16;
        List<String> abuse = Patterns.NAMES;
        double volume = 1.0;
        long warmup = 20_000;
        Path results = Path.of("rpc-benchmarks", "target", "soak-results.md");
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(value);
            }
            else if (arg.startsWith("--callers=")) {
                callers = Integer.parseInt(value);
            }
            else if (arg.startsWith("--abuse=")) {
                abuse = new ArrayList<>();
                for (String name : value.split(",", -1)) {
                    if (!Patterns.NAMES.contains(name.trim())) {
                        throw new IllegalArgumentException(
                                "Unknown pattern '" + name + "', expected some of " + String.join(",", Patterns.NAMES));
                    }
                    abuse.add(name.trim());
                }
            }
            else if (arg.startsWith("--volume=")) {
                volume = Double.parseDouble(value);
            }
            else if (arg.startsWith("--warmup=")) {
                warmup = Long.parseLong(value);
            }
            else if (arg.startsWith("--results=")) {
                results = Path.of(value);
            }
            else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; known: --seconds=60 --callers=16 "
                        + "--abuse=" + String.join(",", Patterns.NAMES) + " --volume=1.0 --warmup=20000 --results=...");
            }
        }
        return new SoakOptions(Duration.ofMillis((long) (seconds * 1000)), callers, List.copyOf(abuse), volume, warmup,
                results);
    }

}
