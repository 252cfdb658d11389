package ipclab.report;

import ipclab.bench.Workloads;
import ipclab.model.Metric;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Results;
import ipclab.experiment.Stats;
import ipclab.experiment.TrialRecord;
import ipclab.experiment.TrialSizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of one results folder, summarised: its measured trials' headline metric (for stream, bandwidth in KiB/s; {@link #metric})
 * as {@link Stats}. Warm-up trials are left out; failed trials are counted, not summarised.
 *
 * @param source the results folder's label
 * @param totalBytes bytes per measured trial (the largest, should --min-time trials differ)
 * @param stats null when no measured trial succeeded
 * @param shortTrials measured trials that succeeded but lasted less than the plan's --min-time (0 for --total)
 * @param placementSplit how its trials split by where their ends ran, or null when they do not
 *     (or the folder did not record it)
 */
public record Summary(String source, ConfigKey key, long totalBytes, int failures, Stats stats, int shortTrials,
        PlacementSplit placementSplit) {

    /** A summary whose trials do not split by placement. */
    public Summary(String source, ConfigKey key, long totalBytes, int failures, Stats stats, int shortTrials) {
        this(source, key, totalBytes, failures, stats, shortTrials, null);
    }

    /** The summaries of a folder's configurations that have measured trials, in configuration order. */
    public static List<Summary> of(Results results) {
        Map<ConfigKey, List<TrialRecord>> byKey = new TreeMap<>();
        for (TrialRecord t : results.trials()) {
            if (!t.warmup()) {
                byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Summary> out = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<TrialRecord> trials = e.getValue();
            double[] values = trials.stream().filter(t -> !t.failed()).mapToDouble(TrialRecord::value).toArray();
            int failures = trials.size() - values.length;
            long total = trials.stream().mapToLong(TrialRecord::totalBytes).max().orElse(0);
            int shortTrials = (int) trials.stream().filter(t -> !t.failed()
                    && TrialSizer.fellShort(results.plan(), t.elapsedNanos())).count();
            out.add(new Summary(results.label(), e.getKey(), total, failures,
                    values.length == 0 ? null : Stats.of(values), shortTrials, split(trials).orElse(null)));
        }
        return out;
    }

    /** How one configuration's successful trials split by where their two ends ran ({@link PlacementSplit}). */
    private static java.util.Optional<PlacementSplit> split(List<TrialRecord> trials) {
        List<PlacementSplit.Ran> ran = new ArrayList<>();
        for (TrialRecord t : trials) {
            if (!t.failed() && t.ranOn().size() == 2) {
                var first = t.ranOn().get(0);
                var second = t.ranOn().get(1);
                ran.add(new PlacementSplit.Ran(t.value(), first.cpuAtStart(), first.cpuAtEnd(), second.cpuAtStart(),
                        second.cpuAtEnd()));
            }
        }
        return PlacementSplit.of(ran);
    }

    /** The summaries of several folders, each folder's in configuration order. */
    public static List<Summary> of(List<Results> folders) {
        List<Summary> out = new ArrayList<>();
        for (Results r : folders) {
            out.addAll(of(r));
        }
        return out;
    }

    /** Measured bandwidths of one configuration (KiB/s), successful trials only. */
    public static Map<ConfigKey, double[]> values(Results results) {
        Map<ConfigKey, List<Double>> byKey = new TreeMap<>();
        for (TrialRecord t : results.trials()) {
            if (!t.warmup() && !t.failed()) {
                byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.value());
            }
        }
        Map<ConfigKey, double[]> out = new TreeMap<>();
        byKey.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** What the values are: the headline metric of the configuration's workload. */
    public Metric metric() {
        return Workloads.of(key.config()).headline();
    }

    /** Everything but the buffer size: the rows of one table, the points of one chart line. */
    public String group() {
        return key.series() + ", " + key.variant();
    }
}
