package io.rpcboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load JVM: starts one stack's caller against a server, makes a first call (which
 * connects), prints {@code CONNECTED}, then runs the scenarios the runner asks for on its
 * standard input
 * ({@code RUN <scenario> <warm-up calls> <calls/s of a fixed rate, else 0>}, scenario
 * {@code -1} being the reference of the fixed rates), and prints one result line for
 * each. Between the warm-up and the measured calls it prints {@code MEASURING} and waits
 * for the line {@code GO}: the runner reads the server JVM's costs in between. It ends
 * when its standard input closes.
 */
public final class LoadMain {

    static final String CONNECTED = "CONNECTED";

    static final String RUN = "RUN ";

    static final String MEASURING = "MEASURING";

    static final String GO = "GO";

    private LoadMain() {
    }

    /**
     * Runs the load.
     * @param args the stack's name, the server's port, then the plan's arguments
     * @throws IOException when standard input cannot be read
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Stack stack = Stack.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Plan plan = Plan.parse(Arrays.copyOfRange(args, 2, args.length));
        try (StackClient client = stack.connect(port)) {
            LoadRunner runner = new LoadRunner(stack, client);
            LoadRunner.firstCall(client);
            System.out.println(CONNECTED);
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (!command.startsWith(RUN)) {
                    continue;
                }
                String[] words = command.substring(RUN.length()).trim().split(" ", -1);
                int index = Integer.parseInt(words[0]);
                long warmupCalls = Long.parseLong(words[1]);
                double rate = (words.length > 2) ? Double.parseDouble(words[2]) : 0;
                Scenario scenario = (index == Measurement.RATE_REFERENCE) ? plan.rateReference()
                        : plan.scenarios().get(index);
                Measurement measurement;
                try {
                    measurement = runner.run(scenario, warmupCalls, plan.measure(), rate, () -> awaitGo(commands));
                }
                catch (RuntimeException ex) {
                    measurement = Measurement.failed(stack, scenario, ex.toString());
                }
                System.out.println(measurement.toLine(index));
                System.out.flush();
            }
        }
        catch (RuntimeException ex) {
            System.out.println("FAILED " + ex);
            ex.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void awaitGo(BufferedReader commands) {
        System.out.println(MEASURING);
        System.out.flush();
        try {
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                if (line.equals(GO)) {
                    return;
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        throw new IllegalStateException("The runner closed the standard input before GO");
    }

}
