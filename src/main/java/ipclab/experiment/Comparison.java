package ipclab.experiment;

import ipclab.model.Metric;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * B against A for one configuration: the ratio of medians (B / A; whether above 1 is better is
 * the metric's direction), its 95% percentile-bootstrap interval, and the two-sided Mann-Whitney U
 * p-value. Its {@link #verdict(double, double) verdict} takes the p-value after the correction for
 * the other configurations compared with it ({@link Holm}) and an equivalence margin: a
 * difference is called only when it is significant and the ratio is outside 1 +- margin.
 *
 * @param ratio median(B) / median(A)
 * @param pValue two-sided Mann-Whitney U test of A and B
 */
public record Comparison(Stats a, Stats b, double ratio, double ratioCiLow, double ratioCiHigh, double u,
        double pValue, Metric metric) {

    public static final double ALPHA = 0.05;
    /** The equivalence margin of {@code compare --margin}: 5%. */
    public static final double DEFAULT_MARGIN = 0.05;
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

    /** What a comparison concludes, B relative to A. */
    public enum Verdict {
        /** Significant and beyond the margin, better in the metric's direction. */
        FASTER("faster"),
        /** Significant and beyond the margin, worse. */
        SLOWER("slower"),
        /** The ratio of medians is within 1 +- margin: whatever the p-value, not a difference that matters. */
        NO_MEANINGFUL_DIFFERENCE("no meaningful difference"),
        /** Beyond the margin, but not significant: the trials do not show a difference. */
        WITHIN_NOISE("within noise");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /**
         * No meaningful difference when {@code ratio} is within 1 +- {@code margin}, else faster or
         * slower (in {@code metric}'s direction) when {@code adjustedP < ALPHA}, else within noise.
         */
        public static Verdict of(double ratio, double adjustedP, double margin, Metric metric) {
            if (ratio >= 1 - margin && ratio <= 1 + margin) {
                return NO_MEANINGFUL_DIFFERENCE;
            }
            if (!(adjustedP < ALPHA)) {
                return WITHIN_NOISE;
            }
            return metric.improves(ratio) ? FASTER : SLOWER;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /**
     * The verdict given {@code adjustedP} (this comparison's p-value after the correction for
     * the family it was compared in) and the equivalence {@code margin} (0.05 for 5%): no
     * meaningful difference when the ratio is within 1 +- margin, else faster or slower when
     * {@code adjustedP < ALPHA}, else within noise.
     */
    public Verdict verdict(double adjustedP, double margin) {
        return Verdict.of(ratio, adjustedP, margin, metric);
    }

    /** The verdict of this comparison alone (a family of one), with the default margin. */
    public String verdict() {
        return verdict(pValue, DEFAULT_MARGIN).toString();
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
