package io.rpcboot.inprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc}: the inodes of the
 * listening sockets of the network namespace that are open file descriptors of this
 * process.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /**
     * Returns whether {@code /proc} can answer.
     * @return whether this is Linux with {@code /proc} mounted
     */
    static boolean areReadable() {
        return Files.isReadable(Path.of("/proc/self/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /**
     * Returns the inodes of the TCP sockets this process listens on.
     * @return the inodes
     */
    static Set<String> ofThisProcess() throws IOException {
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3])) {
                    listening.add(fields[9]);
                }
            }
        }
        Set<String> open = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            descriptors.forEach((descriptor) -> {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        open.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                }
                catch (IOException ex) {
                    // closed since it was listed
                }
            });
        }
        listening.retainAll(open);
        return listening;
    }

}
