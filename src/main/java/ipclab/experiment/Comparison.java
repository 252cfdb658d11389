package ipclab.experiment;

import ipclab.model.Metric;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * B against A for one configuration: the ratio of medians (B / A; whether above 1 is better is
 * the metric's direction), its 95% percentile-bootstrap interval, and the two-sided Mann-Whitney U
 * p-value. The difference is called significant only when p < 0.05 and the interval excludes 1;
 * otherwise it is within noise.
 *
 * @param ratio median(B) / median(A)
 * @param pValue two-sided Mann-Whitney U test of A and B
 */
public record Comparison(Stats a, Stats b, double ratio, double ratioCiLow, double ratioCiHigh, double u,
        double pValue, Metric metric) {

    public static final double ALPHA = 0.05;
    public static final int RESAMPLES = 2000;
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /**
     * Compares two samples of {@code metric}; {@code seed} makes the bootstrap repeatable. The
     * metric says which way is better: for bandwidth a ratio above 1 is faster, for a latency
     * below 1.
     */
    public static Comparison of(double[] a, double[] b, long seed, Metric metric) {
        Stats sa = Stats.of(a);
        Stats sb = Stats.of(b);
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[RESAMPLES];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int i = 0; i < RESAMPLES; i++) {
            resample(a, ra, random);
            resample(b, rb, random);
            ratios[i] = median(rb) / median(ra);
        }
        double[] ci = QUANTILE.evaluate(ratios, (1 - Stats.CONFIDENCE) / 2, 1 - (1 - Stats.CONFIDENCE) / 2);
        MannWhitneyUTest.Result mw = MannWhitneyUTest.withDefaults().test(a, b);
        return new Comparison(sa, sb, sb.median() / sa.median(), ci[0], ci[1], mw.getStatistic(), mw.getPValue(),
                metric);
    }

    public boolean significant() {
        return pValue < ALPHA && (ratioCiLow > 1 || ratioCiHigh < 1);
    }

    /** faster, slower or within noise (B relative to A), in the metric's direction. */
    public String verdict() {
        if (!significant()) {
            return "within noise";
        }
        return metric.improves(ratio) ? "faster" : "slower";
    }

    /** The change from A to B in percent of A's median. */
    public double percentChange() {
        return (ratio - 1) * 100;
    }

    private static void resample(double[] from, double[] to, SplittableRandom random) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from[random.nextInt(from.length)];
        }
    }

    private static double median(double[] values) {
        double[] copy = Arrays.copyOf(values, values.length);
        return QUANTILE.evaluate(copy, 0.5);
    }
}
