package io.rpcboot.demo.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of a Markdown {@code console} block ({@code $ } and the command) and the
 * output shown below it, up to the next command or the end of the block.
 *
 * @param line the command's line number in the file, from 1
 * @param command the command, without {@code $ }
 * @param output the lines shown below it, joined by newlines
 */
record ConsoleSample(int line, String command, String output) {

    /**
     * Reads every command of a file's {@code console} blocks, in order.
     * @param markdown the file
     * @return the commands and their outputs
     */
    static List<ConsoleSample> readAll(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        List<ConsoleSample> samples = new ArrayList<>();
        boolean inConsole = false;
        int commandLine = -1;
        List<String> output = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            String line = (i < lines.size()) ? lines.get(i) : "```";
            boolean fence = line.startsWith("```");
            if (commandLine >= 0 && (fence || line.startsWith("$ "))) {
                samples.add(new ConsoleSample(commandLine + 1, lines.get(commandLine).substring(2),
                        String.join("\n", output).strip()));
                commandLine = -1;
                output.clear();
            }
            if (fence) {
                inConsole = !inConsole && line.equals("```console");
            }
            else if (inConsole && line.startsWith("$ ")) {
                commandLine = i;
            }
            else if (commandLine >= 0) {
                output.add(line);
            }
        }
        return samples;
    }

}
