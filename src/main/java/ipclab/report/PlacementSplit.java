package ipclab.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether one configuration's trials fall into two groups by where their two ends ran (both on
 * one CPU, or on two), with clearly different results: then its median mixes two placements and
 * is the scheduler's chance, not a property of the mechanism. "Clearly": each group has at least
 * {@link #MIN_TRIALS} trials, their medians differ by more than {@link #APART}, and their ranges do
 * not overlap. A trial whose ends moved between one CPU and two during the timed region (start and
 * end disagree) belongs to neither group.
 *
 * @param oneCpu trials with both ends on one CPU
 * @param oneCpuMedian their median, in the metric's stored unit
 * @param twoCpus trials with the ends on two CPUs
 * @param twoCpusMedian their median
 */
public record PlacementSplit(int oneCpu, double oneCpuMedian, int twoCpus, double twoCpusMedian) {
    /** The fewest trials a group needs before a split is claimed. */
    public static final int MIN_TRIALS = 2;
    /** How far apart the two groups' medians must be, relative to the lower. */
    public static final double APART = 0.10;

    /** One trial: its result and the CPU of each end at the start and end of the timed region (-1 unknown). */
    public record Ran(double value, int firstCpuStart, int firstCpuEnd, int secondCpuStart, int secondCpuEnd) {
        /** 1 both ends on one CPU throughout, 2 on two CPUs throughout, 0 otherwise or unknown. */
        int cpus() {
            if (firstCpuStart < 0 || firstCpuEnd < 0 || secondCpuStart < 0 || secondCpuEnd < 0) {
                return 0;
            }
            boolean startSame = firstCpuStart == secondCpuStart;
            boolean endSame = firstCpuEnd == secondCpuEnd;
            return startSame && endSame ? 1 : !startSame && !endSame ? 2 : 0;
        }
    }

    /** The split of {@code trials} (one configuration's successful measured trials), if they split. */
    public static Optional<PlacementSplit> of(List<Ran> trials) {
        double[] one = trials.stream().filter(t -> t.cpus() == 1).mapToDouble(Ran::value).sorted().toArray();
        double[] two = trials.stream().filter(t -> t.cpus() == 2).mapToDouble(Ran::value).sorted().toArray();
        if (one.length < MIN_TRIALS || two.length < MIN_TRIALS) {
            return Optional.empty();
        }
        double m1 = median(one);
        double m2 = median(two);
        boolean overlap = one[0] <= two[two.length - 1] && two[0] <= one[one.length - 1];
        if (overlap || Math.abs(m1 - m2) <= APART * Math.min(m1, m2)) {
            return Optional.empty();
        }
        return Optional.of(new PlacementSplit(one.length, m1, two.length, m2));
    }

    /** The flag in {@link SummaryFlags}' words, values shown in {@code metric}'s unit. */
    public String text(ipclab.model.Metric metric) {
        return String.format(Locale.ROOT, "trials split by placement: %d on one CPU at %s %s, %d on two at %s %s;"
                + " pin with --cpus", oneCpu, SummaryFormat.shown(metric, oneCpuMedian), metric.shownUnit(), twoCpus,
                SummaryFormat.shown(metric, twoCpusMedian), metric.shownUnit());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
