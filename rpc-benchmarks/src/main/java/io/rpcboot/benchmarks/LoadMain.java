package io.rpcboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load JVM: starts one stack's caller against a server, makes a first call (which
 * connects), prints {@code CONNECTED}, then runs the scenarios the runner asks for on its
 * standard input ({@code RUN <scenario> <warm-up calls>}), and prints one result line for
 * each. It ends when its standard input closes.
 */
public final class LoadMain {

    static final String CONNECTED = "CONNECTED";

    static final String RUN = "RUN ";

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
                String[] words = command.substring(RUN.length()).trim().split(" ");
                int index = Integer.parseInt(words[0]);
                long warmupCalls = Long.parseLong(words[1]);
                Scenario scenario = plan.scenarios().get(index);
                Measurement measurement;
                try {
                    measurement = runner.run(scenario, warmupCalls, plan.measure());
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

}
