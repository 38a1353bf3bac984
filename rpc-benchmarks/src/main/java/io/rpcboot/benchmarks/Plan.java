package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run measures: the stacks in order, the scenarios and how long each is measured.
 * Read from the command line, and passed on to the load JVMs as the same arguments.
 *
 * @param stacks the stacks, run one after another
 * @param baseline the stack the others are compared with
 * @param scenarios the scenarios, run in order against each stack
 * @param measure how long a timed scenario is measured in each round
 * @param rounds how many times each stack runs each scenario, the stacks taking turns
 * @param arguments the command-line arguments this plan was read from
 */
public record Plan(List<Stack> stacks, Stack baseline, List<Scenario> scenarios, Duration measure, int rounds,
        List<String> arguments) {

    /** Items of the list scenario. */
    public static final int LIST_SIZE = 1000;

    private static final String ECHO_1 = "echo-1";

    private static final String ECHO_64 = "echo-64";

    private static final String LIST = "list";

    private static final String ECHO_1000 = "echo-1000";

    private static final String ECHO_1000_VIRTUAL = "echo-1000v";

    /** Messages of one stream in a measured run. */
    public static final int STREAM_SIZE = 10_000;

    /** Messages of one stream in a smoke run. */
    public static final int SMOKE_STREAM_SIZE = 20;

    private static final String STREAM = "stream";

    private static final String STREAM_1 = "stream-1";

    private static final String STREAM_16 = "stream-16";

    private static final String ASYNC_10K = "async-10k";

    /** Calls in flight at once in the asynchronous scenario. */
    public static final int ASYNC_IN_FLIGHT = 10_000;

    /** Calls in flight at once in the asynchronous scenario of a smoke run. */
    public static final int SMOKE_ASYNC_IN_FLIGHT = 2_000;

    private static final String RATE = "rate";

    private static final String RATE_50 = "rate-50";

    private static final String RATE_80 = "rate-80";

    private static final String RATE_OPTION = "--rate=";

    /** Calls measured per fixed-rate scenario in a smoke run. */
    public static final int SMOKE_RATE_CALLS = 100;

    /**
     * Reads a plan from command-line arguments:
     * {@code --stacks=rpcboot,rpcboot-json,grpc,mvc,netty} (the default; the variants
     * {@code rpcboot-balanced}, {@code rpcboot-tls}, {@code grpc-direct} and
     * {@code grpc-tls} run when named), {@code --baseline=netty}, {@code --seconds=6}
     * (measured time per scenario and round), {@code --rounds=3} (the stacks take turns,
     * round after round, so that a disturbance of the machine does not fall on one stack
     * only; the report shows each value's median over the rounds), {@code --warmup=1.0}
     * (a factor on the warm-up call counts), {@code --scenarios=echo-1,echo-64,list}
     * (which ones, in this order; also {@code stream-1} and {@code stream-16}, server
     * streams of the echo item, or {@code stream} for both, run by the stacks that
     * stream; {@code echo-1000}, echo with 1,000 platform-thread callers, and
     * {@code echo-1000v}, the same with virtual-thread callers on Java 21 or later;
     * {@code async-10k}, 10,000 asynchronous echo calls in flight on one connection, run
     * by the stacks with an asynchronous call; {@code rate-50} and {@code rate-80}, or
     * {@code rate} for both, echo calls at a fixed rate), {@code --rate=N} (the reference
     * rate of the fixed-rate scenarios in calls/s, instead of gRPC-java's echo throughput
     * with 64 callers measured in the run), {@code --smoke} (tiny call counts, to check
     * that every stack answers). The variants {@code rpcboot-blocking},
     * {@code rpcboot-virtual} (Java 21 or later) and {@code grpc-executor} also run when
     * named.
     * @param args the arguments
     * @return the plan
     * @throws IllegalArgumentException on an unknown argument, or a stack or scenario
     * that needs a later Java
     */
    public static Plan parse(String... args) {
        List<Stack> stacks = List.of(Stack.RPCBOOT, Stack.RPCBOOT_JSON, Stack.GRPC, Stack.MVC, Stack.NETTY);
        Stack baseline = Stack.NETTY;
        double seconds = 6;
        int rounds = 3;
        double warmup = 1.0;
        boolean smoke = false;
        List<String> only = List.of(ECHO_1, ECHO_64, LIST);
        for (String arg : args) {
            if (arg.startsWith("--stacks=")) {
                stacks = new ArrayList<>();
                for (String id : value(arg).split(",", -1)) {
                    stacks.add(runnable(Stack.of(id)));
                }
            }
            else if (arg.startsWith("--baseline=")) {
                baseline = Stack.of(value(arg));
            }
            else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(value(arg));
            }
            else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value(arg));
            }
            else if (arg.startsWith("--warmup=")) {
                warmup = Double.parseDouble(value(arg));
            }
            else if (arg.startsWith(RATE_OPTION)) {
                referenceRate(List.of(arg));
            }
            else if (arg.equals("--smoke")) {
                smoke = true;
            }
            else if (arg.startsWith("--scenarios=")) {
                only = new ArrayList<>();
                for (String id : value(arg).split(",", -1)) {
                    if (id.trim().equals(STREAM)) {
                        only.addAll(List.of(STREAM_1, STREAM_16));
                    }
                    else if (id.trim().equals(RATE)) {
                        only.addAll(List.of(RATE_50, RATE_80));
                    }
                    else {
                        only.add(id);
                    }
                }
            }
            else {
                throw new IllegalArgumentException("Unknown argument '" + arg
                        + "'; known: --stacks=rpcboot,rpcboot-json,rpcboot-balanced,grpc,mvc,netty"
                        + " --baseline=netty --seconds=6 --rounds=3 --warmup=1.0"
                        + " --scenarios=echo-1,echo-64,echo-1000,echo-1000v,list,stream-1,stream-16,async-10k,"
                        + "rate-50,rate-80 --rate=N --smoke");
            }
        }
        double givenRate = referenceRate(List.of(args));
        List<Scenario> scenarios = new ArrayList<>();
        for (String id : only) {
            scenarios.add(switch (id.trim()) {
                case ECHO_1 -> smoke ? Scenario.echo(1, 5, 20) : Scenario.echo(1, calls(20_000, warmup), 0);
                case ECHO_64 -> smoke ? Scenario.echo(64, 64, 128) : Scenario.echo(64, calls(50_000, warmup), 0);
                case ECHO_1000 -> echo1000(smoke, warmup);
                case ECHO_1000_VIRTUAL -> runnable(echo1000(smoke, warmup).onVirtualThreads(), id);
                case LIST ->
                    smoke ? Scenario.list(LIST_SIZE, 8, 8, 16) : Scenario.list(LIST_SIZE, 8, calls(2_000, warmup), 0);
                case STREAM_1 -> smoke ? Scenario.stream(SMOKE_STREAM_SIZE, 1, 1, 3)
                        : Scenario.stream(STREAM_SIZE, 1, calls(50, warmup), 0);
                case STREAM_16 -> smoke ? Scenario.stream(SMOKE_STREAM_SIZE, 16, 16, 32)
                        : Scenario.stream(STREAM_SIZE, 16, calls(64, warmup), 0);
                case ASYNC_10K -> smoke ? Scenario.echoAsync(SMOKE_ASYNC_IN_FLIGHT, 2_000, 5_000)
                        : Scenario.echoAsync(ASYNC_IN_FLIGHT, calls(100_000, warmup), 0);
                case RATE_50 -> rate(50, smoke, warmup, givenRate);
                case RATE_80 -> rate(80, smoke, warmup, givenRate);
                default -> throw new IllegalArgumentException(
                        "Unknown scenario '" + id + "', expected echo-1, echo-64, echo-1000, echo-1000v, list,"
                                + " stream-1, stream-16, stream, async-10k, rate-50, rate-80 or rate");
            });
        }
        if (scenarios.stream().anyMatch((scenario) -> scenario.call() == Scenario.Call.RATE) && givenRate == 0
                && !stacks.contains(Stack.GRPC)) {
            throw new IllegalArgumentException("The fixed-rate scenarios need a reference rate: add grpc to --stacks"
                    + " (its echo throughput with 64 callers is measured) or give --rate=N (calls/s)");
        }
        return new Plan(List.copyOf(stacks), baseline, List.copyOf(scenarios),
                Duration.ofMillis((long) (seconds * 1000)), smoke ? 1 : rounds, List.of(args));
    }

    /**
     * Returns the warm-up calls of a scenario in a round: all of them in the first round,
     * a tenth in the later ones, whose JVMs are warm but have been idle while the other
     * stacks ran.
     * @param scenario the scenario
     * @param round the round, from 0
     * @return the calls
     */
    public long warmupCalls(Scenario scenario, int round) {
        return (round == 0) ? scenario.warmupCalls() : Math.max(1, scenario.warmupCalls() / 10);
    }

    private static Scenario rate(int percent, boolean smoke, double warmup, double givenRate) {
        return smoke ? Scenario.rate(percent, 64, 64, SMOKE_RATE_CALLS, givenRate)
                : Scenario.rate(percent, 64, calls(50_000, warmup), 0, givenRate);
    }

    private static Scenario echo1000(boolean smoke, double warmup) {
        return smoke ? Scenario.echo(1000, 1000, 2000) : Scenario.echo(1000, calls(100_000, warmup), 0);
    }

    private static Stack runnable(Stack stack) {
        String missing = stack.missingRequirement();
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        return stack;
    }

    private static Scenario runnable(Scenario scenario, String id) {
        String missing = scenario.virtualCallers() ? VirtualThreads.missing("The scenario " + id) : null;
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        return scenario;
    }

    /**
     * Returns the reference rate of the fixed-rate scenarios given by {@code --rate}.
     * @return the calls per second, or {@code 0} when the run measures it
     */
    public double referenceRate() {
        return referenceRate(this.arguments);
    }

    /**
     * Returns the scenario whose throughput on gRPC-java is the reference rate: the
     * plan's echo with 64 callers, or that of a plan with the same options.
     * @return the scenario
     */
    public Scenario rateReference() {
        for (Scenario scenario : this.scenarios) {
            if (scenario.call() == Scenario.Call.ECHO && scenario.threads() == 64) {
                return scenario;
            }
        }
        List<String> echo64 = new ArrayList<>();
        for (String arg : this.arguments) {
            if (!arg.startsWith("--scenarios=")) {
                echo64.add(arg);
            }
        }
        echo64.add("--scenarios=" + ECHO_64);
        return parse(echo64.toArray(String[]::new)).scenarios().get(0);
    }

    private static double referenceRate(List<String> args) {
        double rate = 0;
        for (String arg : args) {
            if (arg.startsWith(RATE_OPTION)) {
                try {
                    rate = Double.parseDouble(value(arg));
                }
                catch (NumberFormatException ex) {
                    rate = -1;
                }
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException(
                            "Invalid '" + arg + "': the reference rate is a positive number of calls/s");
                }
            }
        }
        return rate;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static long calls(long calls, double factor) {
        return Math.max(1, Math.round(calls * factor));
    }

}
