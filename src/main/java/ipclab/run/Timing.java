package ipclab.run;

import ipclab.model.Placement;
import ipclab.model.ResourceUsage;

/**
 * What one transfer's loops counted and when it started and ended (CLOCK_MONOTONIC ns), with the
 * resource usage of the timed region (null unless asked for), the placement read back, and what
 * the workload measured beside (sample field name to value, as {@code Sample.measured}).
 */
public record Timing(long startNanos, long endNanos, long reads, long writes, long polls, ResourceUsage usage,
        Placement placement, java.util.Map<String, Object> measured) {
    /** A timing with nothing measured beyond the counts (ipc-static's stream). */
    public Timing(long startNanos, long endNanos, long reads, long writes, long polls, ResourceUsage usage,
            Placement placement) {
        this(startNanos, endNanos, reads, writes, polls, usage, placement, java.util.Map.of());
    }

    public long elapsedNanos() {
        return endNanos - startNanos;
    }
}
