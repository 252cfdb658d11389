package ipclab.experiment;

/**
 * A trial read back from a results file: where it is, which trial it was, what it measured.
 *
 * @param line the 1-based line of {@code results.jsonl} it came from
 * @param value the headline metric of the trial's workload (KiB/s for stream), or NaN for a failed trial
 * @param error why the trial failed, or null
 * @param histogram the latency workload's round trips ({@code rtt_histogram}, encoded), or null
 * @param ranOn where each of the workload's two ends ran ({@code Workload.ends}, in that order), or
 *     empty where the line does not say (written before ipclab recorded it)
 */
public record TrialRecord(int line, ConfigKey key, int iteration, boolean warmup, long totalBytes,
        long elapsedNanos, double value, String error, String histogram, java.util.List<ipclab.run.RanOn> ranOn) {

    public TrialRecord {
        ranOn = java.util.List.copyOf(ranOn);
    }

    /** A trial that recorded no histogram (the stream's) and no placement. */
    public TrialRecord(int line, ConfigKey key, int iteration, boolean warmup, long totalBytes, long elapsedNanos,
            double value, String error) {
        this(line, key, iteration, warmup, totalBytes, elapsedNanos, value, error, null, java.util.List.of());
    }

    public boolean failed() {
        return error != null;
    }

    /** A warm-up or measured trial that succeeded or failed: what {@code --resume} need not run again. */
    public Trial trial() {
        return new Trial(key, iteration, warmup);
    }
}
