package ipclab.run;

import ipclab.model.Placement;
import ipclab.model.ResourceUsage;

/**
 * What one transfer's loops counted and when it started and ended (CLOCK_MONOTONIC ns), with the
 * resource usage of the timed region (null unless asked for) and the placement read back.
 */
public record Timing(long startNanos, long endNanos, long reads, long writes, long polls, ResourceUsage usage,
        Placement placement) {
    public long elapsedNanos() {
        return endNanos - startNanos;
    }
}
