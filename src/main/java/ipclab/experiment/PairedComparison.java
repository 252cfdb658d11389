package ipclab.experiment;

import ipclab.model.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Level B against level A of one factor, the rest of the configuration the same, paired block by
 * block: each block of an interleaved sweep ran one trial of each level close together in time,
 * so the ratio of the two cancels the machine's drift between blocks. The ratio is the median of
 * the blocks' ratios B/A, with a 95% percentile-bootstrap interval over blocks; the p-value is
 * Wilcoxon's signed-rank test of the pairs. The verdict is {@link Comparison}'s.
 *
 * @param pairs the blocks where both levels have a successful measured trial
 */
public record PairedComparison(double medianA, double medianB, int pairs, double ratio, double ratioCiLow,
        double ratioCiHigh, double pValue, Metric metric) {
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /** Compares {@code b[i]} with {@code a[i]} (the same block); at least two pairs. */
    public static PairedComparison of(double[] a, double[] b, long seed, Metric metric) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("a paired comparison needs two or more pairs, not " + a.length);
        }
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = b[i] / a[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[Comparison.RESAMPLES];
        double[] resampled = new double[ratios.length];
        for (int r = 0; r < medians.length; r++) {
            for (int i = 0; i < resampled.length; i++) {
                resampled[i] = ratios[random.nextInt(ratios.length)];
            }
            medians[r] = median(resampled);
        }
        double[] ci = QUANTILE.evaluate(medians, (1 - Stats.CONFIDENCE) / 2, 1 - (1 - Stats.CONFIDENCE) / 2);
        double p = allEqual(a, b) ? 1.0 : WilcoxonSignedRankTest.withDefaults().test(a, b).getPValue();
        return new PairedComparison(median(a), median(b), a.length, median(ratios), ci[0], ci[1], p, metric);
    }

    /** The verdict with {@code adjustedP} (after Holm's correction) and the equivalence margin. */
    public Comparison.Verdict verdict(double adjustedP, double margin) {
        return Comparison.Verdict.of(ratio, adjustedP, margin, metric);
    }

    public double percentChange() {
        return (ratio - 1) * 100;
    }

    private static boolean allEqual(double[] a, double[] b) {
        return Arrays.equals(a, b);
    }

    private static double median(double[] values) {
        return QUANTILE.evaluate(Arrays.copyOf(values, values.length), 0.5);
    }
}
