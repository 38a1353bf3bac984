package io.rpcboot.benchmarks.soak;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one abusive pattern sent and how the server treated it.
 *
 * @param name the pattern's name
 * @param sent what it sent, in words
 * @param bytesSent the bytes it wrote
 * @param connections the connections the server accepted
 * @param refused the connections the server refused
 * @param closedByServer the connections the server closed (or reset)
 * @param openAtEnd the connections still open when the phase ended
 * @param writesBlocked of the connections still open, those whose writes were blocked:
 * the server had stopped reading them
 * @param answers the answers read, by status
 * @param failure why the pattern stopped early, if it did
 */
record AbuseReport(String name, String sent, long bytesSent, long connections, long refused, long closedByServer,
        long openAtEnd, long writesBlocked, Map<String, Long> answers, @Nullable String failure) {

    /**
     * Returns how the server treated the pattern, in words.
     * @return the sentence
     */
    String treatment() {
        StringBuilder text = new StringBuilder();
        text.append(this.connections)
            .append(" accepted, ")
            .append(this.refused)
            .append(" refused, ")
            .append(this.closedByServer)
            .append(" closed by the server, ")
            .append(this.openAtEnd + this.writesBlocked)
            .append(" open at the end");
        if (this.writesBlocked > 0) {
            text.append(" (").append(this.writesBlocked).append(" not read by the server)");
        }
        if (!this.answers.isEmpty()) {
            text.append("; answered: ");
            this.answers.forEach((status, count) -> text.append(status).append(" ").append(count).append(", "));
            text.setLength(text.length() - 2);
        }
        if (this.failure != null) {
            text.append("; stopped early: ").append(this.failure);
        }
        return text.toString();
    }

}
