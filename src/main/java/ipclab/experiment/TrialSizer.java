package ipclab.experiment;

import ipclab.model.Blocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes the measured trials of a {@code --min-time} sweep so that each lasts at least the
 * minimum: from every trial of the configuration seen so far (its warm-up included, and the
 * trials a resumed sweep finds saved), not from one pilot. The rate each trial moved its bytes at
 * is remembered; the next trial is sized to last {@link #SAFETY} times the minimum at the highest
 * rate seen, that rate capped at {@link #CAP} times the median (one freak trial does not make the
 * rest run for seconds), and twice that again while no trial of the configuration has lasted a
 * quarter of the minimum (a rate measured over a millisecond is mostly wake-up and start, and
 * underestimates what a longer run reaches). So a trial that fell short raises the estimate for
 * the next one. Rates are bytes over the timed region, whatever the workload's headline metric.
 */
public final class TrialSizer {
    /** A trial is sized to last this many times the minimum at the estimated rate. */
    static final double SAFETY = 1.25;
    /** The estimate is at most this many times the median rate seen. */
    static final double CAP = 2.0;
    /** While every trial seen was shorter than {@link #SHORT_FRACTION} of the minimum, sizes are this much larger. */
    static final double EXTRAPOLATED = 2.0;
    static final double SHORT_FRACTION = 0.25;

    private final long minTimeNanos;
    private final Map<ConfigKey, List<Double>> rates = new HashMap<>();
    private final Map<ConfigKey, Long> longestNanos = new HashMap<>();

    TrialSizer(int minTimeMillis) {
        this.minTimeNanos = minTimeMillis * 1_000_000L;
    }

    /** Remembers a successful trial of {@code key}: {@code bytes} in {@code elapsedNanos}. */
    void observe(ConfigKey key, long bytes, long elapsedNanos) {
        if (bytes <= 0 || elapsedNanos <= 0) {
            return;
        }
        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(bytes * 1e9 / elapsedNanos);
        longestNanos.merge(key, elapsedNanos, Math::max);
    }

    /** The bytes of the next measured trial of {@code key}, or {@code fallback} while none of its trials succeeded. */
    long bytes(ConfigKey key, long fallback) {
        List<Double> seen = rates.get(key);
        if (seen == null || seen.isEmpty()) {
            return fallback;
        }
        boolean extrapolated = longestNanos.get(key) < SHORT_FRACTION * minTimeNanos;
        return size(estimate(seen) * (extrapolated ? EXTRAPOLATED : 1), minTimeNanos, key.bufferSizeBytes());
    }

    /** The rate to size by: the highest seen, at most {@link #CAP} times the median. */
    static double estimate(List<Double> rates) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.min(sorted[n - 1], CAP * median);
    }

    /** Bytes that last {@link #SAFETY} x {@code minTimeNanos} at {@code bytesPerSecond}, a multiple of the buffer. */
    static long size(double bytesPerSecond, long minTimeNanos, int bufferSizeBytes) {
        double bytes = bytesPerSecond * minTimeNanos / 1e9 * SAFETY;
        long wanted = bytes >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : (long) Math.ceil(bytes);
        return Blocks.roundUpToMultiple(Math.max(wanted, bufferSizeBytes), bufferSizeBytes);
    }

    /** Whether a measured trial of {@code plan} that lasted {@code elapsedNanos} broke the --min-time promise. */
    public static boolean fellShort(Plan plan, long elapsedNanos) {
        return plan.minTimeMillis() > 0 && elapsedNanos < plan.minTimeMillis() * 1_000_000L;
    }

    /** For tests: the rates remembered for {@code key}, in bytes per second. */
    double[] rates(ConfigKey key) {
        return rates.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
