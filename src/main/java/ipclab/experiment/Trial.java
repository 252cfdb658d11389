package ipclab.experiment;

/**
 * One run in a sweep's schedule: configuration, its index among that configuration's measured
 * (or warm-up) trials, and whether it is a warm-up. Recorded as the sample's {@code iteration}
 * and {@code warmup} fields, so a results file says which trials are done.
 */
public record Trial(ConfigKey key, int iteration, boolean warmup) {}
