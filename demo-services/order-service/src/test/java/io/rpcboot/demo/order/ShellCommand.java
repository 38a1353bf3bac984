package io.rpcboot.demo.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line of the README or of demo.sh, split into words as bash would for the
 * forms they use: single and double quotes, {@code $NAME} variables (not inside single
 * quotes), {@code #} comments and one {@code |} pipe.
 *
 * @param words the words before the pipe
 * @param piped the words after the pipe, empty when there is none
 */
record ShellCommand(List<String> words, List<String> piped) {

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * Splits a command line.
     * @param line the command line
     * @param variables the values of the variables it may use
     * @return the command
     * @throws IllegalArgumentException when it uses a variable that has no value, or a
     * quote is not closed
     */
    static ShellCommand parse(String line, Map<String, String> variables) {
        List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '|' || (c == '#' && word == null)) {
                if (word != null) {
                    commands.get(commands.size() - 1).add(word.toString());
                    word = null;
                }
                if (c == '#') {
                    break;
                }
                if (c == '|') {
                    commands.add(new ArrayList<>());
                }
                i++;
                continue;
            }
            word = (word != null) ? word : new StringBuilder();
            if (c == '\'' || c == '"') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed " + c + " in: " + line);
                }
                String quoted = line.substring(i + 1, end);
                word.append((c == '"') ? expand(quoted, variables, line) : quoted);
                i = end + 1;
            }
            else {
                int end = i;
                while (end < line.length() && " \t|#'\"".indexOf(line.charAt(end)) < 0) {
                    end++;
                }
                word.append(expand(line.substring(i, end), variables, line));
                i = end;
            }
        }
        if (word != null) {
            commands.get(commands.size() - 1).add(word.toString());
        }
        if (commands.size() > 2) {
            throw new IllegalArgumentException("More than one pipe in: " + line);
        }
        return new ShellCommand(commands.get(0), (commands.size() > 1) ? commands.get(1) : List.of());
    }

    private static String expand(String text, Map<String, String> variables, String line) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("$" + matcher.group(1) + " has no value here, in: " + line);
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(expanded).toString();
    }

    /**
     * Returns the program this command runs.
     */
    String program() {
        return this.words.isEmpty() ? "" : this.words.get(0);
    }

}
