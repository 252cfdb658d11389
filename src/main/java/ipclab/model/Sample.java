package ipclab.model;

import ipclab.ipc.Grants;
import java.util.Map;

/**
 * One measured run: the record that the single run prints, sweeps append and reports read. Its
 * fields, units and meaning are documented once, in {@code docs/sample.md}.
 *
 * @param config what ran
 * @param iteration index of this run among those of one invocation or trial plan (from 0)
 * @param warmup true for a run made to warm up, not to be counted
 * @param elapsedNanos the timed region: sender's clock before its first write to receiver's
 *     clock after the last byte (CLOCK_MONOTONIC)
 * @param bytes bytes that arrived, always totalSizeBytes for a run that succeeded
 * @param reads read(2) calls the receiver made in the timed region
 * @param writes write(2) calls the sender made in the timed region
 * @param polls poll(2) calls in the timed region (1thread only; 0 otherwise)
 * @param granted the buffer sizes the kernel granted for this run's endpoint pair
 * @param usage resource usage of the timed region, or null when not measured (-g)
 * @param tracer the tracer attached during the run, {@code none} when untraced
 * @param host the machine's host name
 * @param error why the run failed, or null when it succeeded (a failed run keeps its config)
 * @param placement the CPUs each end's thread was allowed, as read back before the timed region
 * @param measured what the workload measured beside the fields above, by sample field name
 *     (the latency workload's percentiles and histogram); empty for ipc-static's stream
 */
public record Sample(
        BenchConfig config,
        int iteration,
        boolean warmup,
        long elapsedNanos,
        long bytes,
        long reads,
        long writes,
        long polls,
        Grants granted,
        ResourceUsage usage,
        String tracer,
        String host,
        String error,
        Placement placement,
        Map<String, Object> measured) {

    public Sample {
        placement = placement == null ? Placement.UNKNOWN : placement;
        measured = measured == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(measured));
    }

    /** A sample with nothing measured beyond the common fields. */
    public Sample(BenchConfig config, int iteration, boolean warmup, long elapsedNanos, long bytes, long reads,
            long writes, long polls, Grants granted, ResourceUsage usage, String tracer, String host,
            String error, Placement placement) {
        this(config, iteration, warmup, elapsedNanos, bytes, reads, writes, polls, granted, usage, tracer, host, error,
                placement, Map.of());
    }

    /** A sample whose placement was not read. */
    public Sample(BenchConfig config, int iteration, boolean warmup, long elapsedNanos, long bytes, long reads,
            long writes, long polls, Grants granted, ResourceUsage usage, String tracer, String host,
            String error) {
        this(config, iteration, warmup, elapsedNanos, bytes, reads, writes, polls, granted, usage, tracer, host, error,
                Placement.UNKNOWN);
    }

    public boolean failed() {
        return error != null;
    }

    public Sample withTracer(String tracer) {
        return new Sample(config, iteration, warmup, elapsedNanos, bytes, reads, writes, polls, granted, usage, tracer,
                host, error, placement, measured);
    }

    public Sample asWarmup(boolean warmup) {
        return new Sample(config, iteration, warmup, elapsedNanos, bytes, reads, writes, polls, granted, usage, tracer,
                host, error, placement, measured);
    }

    /** A run that failed: nothing measured but the configuration and the reason. */
    public static Sample failure(BenchConfig config, int iteration, String error) {
        return new Sample(config, iteration, false, 0, 0, 0, 0, 0, Grants.NONE, null, "none", Host.name(),
                error);
    }

    /** Bandwidth in KiB (1024 bytes) per second. */
    public double kibPerSec() {
        return Blocks.kibPerSec(bytes, elapsedNanos);
    }

    /** A measured value by sample field name, as a number; NaN when absent. */
    public double measuredValue(String field) {
        return measured.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }
}
