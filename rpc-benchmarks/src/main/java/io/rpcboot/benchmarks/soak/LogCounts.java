package io.rpcboot.benchmarks.soak;

/**
 * What the server JVM printed (standard output and error together) up to a moment, a
 * proxy for the log volume an operator would ship and store.
 *
 * @param lines all lines, stack trace lines included
 * @param warnLines lines logged at WARN
 * @param errorLines lines logged at ERROR
 * @param bytes all bytes
 */
record LogCounts(long lines, long warnLines, long errorLines, long bytes) {

    /**
     * Returns what was printed between an earlier count and this one.
     * @param earlier the earlier count
     * @return the difference
     */
    LogCounts since(LogCounts earlier) {
        return new LogCounts(this.lines - earlier.lines, this.warnLines - earlier.warnLines,
                this.errorLines - earlier.errorLines, this.bytes - earlier.bytes);
    }

}
