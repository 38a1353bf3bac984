package io.rpcboot.benchmarks;

import java.io.IOException;

/**
 * The server JVM: starts one stack's server, prints {@code READY <port>}, and stops when
 * its standard input closes (the runner closes it, or the runner ended).
 */
public final class ServerMain {

    static final String READY = "READY ";

    private ServerMain() {
    }

    /**
     * Runs a server.
     * @param args the stack's name
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        Stack stack = Stack.of(args[0]);
        RunningServer server = stack.startServer();
        System.out.println(READY + server.port());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the runner to close standard input
        }
        server.close();
        System.exit(0);
    }

}
