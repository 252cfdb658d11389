package ipclab.cli;

import ipclab.bench.Workloads;
import ipclab.model.Blocks;
import ipclab.model.Metric;
import ipclab.model.Sample;
import ipclab.workload.stream.StreamWorkload;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The end of a single run's output: after {@code -n N} result lines a summary of the headline
 * metric (median, min..max, CV, as hyperfine prints one), and, for the stream workload, one line
 * on stderr when the timed region was too short to trust, saying by how much {@code -t} should
 * grow. Both follow the workload's headline {@link Metric}, never an assumed bandwidth.
 */
final class RunSummary {
    /** A stream run's timed region shorter than this is too short to trust. */
    static final long SHORTEST_TRUSTED_NANOS = 50_000_000L;
    /** Loaded only for more than one value: a single run's start-up need not load the statistics library. */
    private static final class Holder {
        static final Quantile MEDIAN = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);
    }

    /** The median (HF7) of {@code values}, which it may reorder. */
    private static double median(double[] values) {
        return values.length == 1 ? values[0] : Holder.MEDIAN.evaluate(values, 0.5);
    }

    private RunSummary() {}

    /**
     * What the root command prints after its runs: the summary line on {@code out} (text, two runs
     * or more) and the too-short line on {@code err}; nothing with -q, nothing after a failed run.
     */
    static void end(List<Sample> samples, boolean json, boolean quiet, PrintWriter out, PrintWriter err) {
        if (quiet || samples.isEmpty() || samples.stream().anyMatch(Sample::failed)) {
            return;
        }
        Metric metric = Workloads.of(samples.getFirst().config()).headline();
        if (!json && samples.size() > 1) {
            out.println(line(metric, values(metric, samples)));
            out.flush();
        }
        String warning = tooShort(samples);
        if (warning != null) {
            err.println("ipclab: " + warning);
            err.flush();
        }
    }

    /** The -j document with a {@code summary} object added when two runs or more succeeded. */
    static Map<String, Object> withSummary(Map<String, Object> document, List<Sample> samples) {
        if (samples.size() > 1 && samples.stream().noneMatch(Sample::failed)) {
            Metric metric = Workloads.of(samples.getFirst().config()).headline();
            document.put("summary", summary(metric, values(metric, samples), elapsed(samples)));
        }
        return document;
    }

    static double[] values(Metric metric, List<Sample> samples) {
        return samples.stream().mapToDouble(s -> metric.value().applyAsDouble(s)).toArray();
    }

    private static double[] elapsed(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::elapsedNanos).toArray();
    }

    /** {@code summary of 10 runs: median 2253.27 MiB/s, min..max 1990.10..2400.00 MiB/s, CV 5.2%}. */
    static String line(Metric metric, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "summary of %d runs: median %.2f %s, min..max %.2f..%.2f %s, CV %s",
                values.length, metric.shown(median(sorted)), metric.shownUnit(),
                metric.shown(sorted[0]), metric.shown(sorted[sorted.length - 1]), metric.shownUnit(),
                Double.isFinite(cv(values)) ? String.format(Locale.ROOT, "%.1f%%", cv(values) * 100) : "n/a");
    }

    /** The -j form, in the metric's stored unit: what line() says, plus the median timed region. */
    static Map<String, Object> summary(Metric metric, double[] values, double[] elapsedNanos) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", values.length);
        m.put("metric", metric.name());
        m.put("unit", metric.unit());
        m.put("median", median(sorted));
        m.put("min", sorted[0]);
        m.put("max", sorted[sorted.length - 1]);
        m.put("cv", Double.isFinite(cv(values)) ? cv(values) : null);
        m.put("median_elapsed_ns", Math.round(median(elapsedNanos.clone())));
        return m;
    }

    /** Sample standard deviation over the mean; NaN for one value. */
    static double cv(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(ss / (values.length - 1)) / mean;
    }

    /**
     * The too-short warning, or null: for the stream workload, whose total size sets how long
     * its timed region lasts, when the median timed region of the runs is under
     * {@link #SHORTEST_TRUSTED_NANOS}.
     */
    static String tooShort(List<Sample> samples) {
        Sample first = samples.getFirst();
        if (Workloads.of(first.config()) != StreamWorkload.INSTANCE) {
            return null;
        }
        long median = Math.round(median(elapsed(samples)));
        return tooShort(median, samples.size(), first.config().totalSizeBytes(), first.config().bufferSizeBytes());
    }

    /** The warning for a median timed region of {@code elapsedNanos} over {@code runs} runs of {@code totalBytes}. */
    static String tooShort(long elapsedNanos, int runs, long totalBytes, int bufferBytes) {
        if (elapsedNanos >= SHORTEST_TRUSTED_NANOS || elapsedNanos <= 0) {
            return null;
        }
        long suggested = suggestedTotal(elapsedNanos, totalBytes, bufferBytes);
        return String.format(Locale.ROOT, "the timed region lasted %.1f ms%s, under %d ms: too short to trust (a"
                + " wake-up or a page fault weighs in it); grow -t about %.0fx, to -t %s or more", elapsedNanos / 1e6,
                runs > 1 ? " (median of " + runs + " runs)" : "", SHORTEST_TRUSTED_NANOS / 1_000_000,
                Math.ceil((double) suggested / totalBytes), size(suggested));
    }

    /**
     * The smallest total that lasts {@link #SHORTEST_TRUSTED_NANOS} at the bandwidth seen, taken
     * up to a power of two when that is a multiple of the buffer (a size people type), else to a
     * multiple of the buffer.
     */
    static long suggestedTotal(long elapsedNanos, long totalBytes, int bufferBytes) {
        double needed = (double) totalBytes * SHORTEST_TRUSTED_NANOS / elapsedNanos;
        long wanted = needed >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : (long) Math.ceil(needed);
        long power = Long.highestOneBit(Math.max(1, wanted));
        power = power < wanted ? power << 1 : power;
        return power % bufferBytes == 0 ? power : Blocks.roundUpToMultiple(wanted, bufferBytes);
    }

    /** Bytes as -t takes them: {@code 256m}, {@code 1g}, {@code 96k}, or plain bytes. */
    static String size(long bytes) {
        for (var unit : List.of(Map.entry("g", 1L << 30), Map.entry("m", 1L << 20), Map.entry("k", 1L << 10))) {
            if (bytes % unit.getValue() == 0) {
                return bytes / unit.getValue() + unit.getKey();
            }
        }
        return String.valueOf(bytes);
    }
}
