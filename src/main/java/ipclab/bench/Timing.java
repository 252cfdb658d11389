package ipclab.bench;

/** What one transfer's loops counted and when it started and ended (CLOCK_MONOTONIC ns). */
record Timing(long startNanos, long endNanos, long reads, long writes, long polls) {
    long elapsedNanos() {
        return endNanos - startNanos;
    }
}
