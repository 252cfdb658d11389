package ipclab.experiment;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Statistic;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The spread of one configuration's measured trials (bandwidths, in whatever unit they came).
 * Quartiles use Hyndman and Fan's type 7 (R's and NumPy's default). The 95% interval of the median
 * is distribution-free, from order statistics: the widest pair of ranks (j, n+1-j) whose binomial
 * coverage is still at least 95%; below six trials no pair reaches 95% and the interval is
 * [min, max]. The interval of the mean uses Student's t, its lower bound clipped at 0: the
 * values are positive quantities (bandwidths, ratios), and with a few scattered trials the t
 * interval reaches below zero, which no bandwidth can; a bound clipped at 0 says the mean is not
 * pinned down (read the median's interval). Outliers lie beyond Tukey's fences
 * (1.5 IQR outside the quartiles); they are counted and flagged, never dropped.
 *
 * @param n trials
 * @param sd sample standard deviation (n - 1); NaN for one trial
 * @param outliers trials beyond Tukey's fences
 */
public record Stats(int n, double median, double mean, double sd, double q1, double q3, double min, double max,
        double medianCiLow, double medianCiHigh, double meanCiLow, double meanCiHigh, int outliers) {

    public static final double CONFIDENCE = 0.95;
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    public double iqr() {
        return q3 - q1;
    }

    /** Coefficient of variation: sd / mean. */
    public double cv() {
        return sd / mean;
    }

    public double lowerFence() {
        return q1 - 1.5 * iqr();
    }

    public double upperFence() {
        return q3 + 1.5 * iqr();
    }

    public boolean isOutlier(double value) {
        return value < lowerFence() || value > upperFence();
    }

    /** Statistics of {@code values} (at least one). */
    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        DoubleStatistics d = DoubleStatistics.of(java.util.EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION),
                sorted);
        double mean = d.getAsDouble(Statistic.MEAN);
        double sd = n > 1 ? d.getAsDouble(Statistic.STANDARD_DEVIATION) : Double.NaN;
        double[] q = QUANTILE.evaluate(sorted, 0.25, 0.5, 0.75);
        int j = medianCiRank(n);
        double half = n > 1 ? TDistribution.of(n - 1).inverseSurvivalProbability((1 - CONFIDENCE) / 2) * sd
                / Math.sqrt(n) : Double.NaN;
        double lowFence = q[0] - 1.5 * (q[2] - q[0]);
        double highFence = q[2] + 1.5 * (q[2] - q[0]);
        int outliers = 0;
        for (double v : sorted) {
            if (v < lowFence || v > highFence) {
                outliers++;
            }
        }
        return new Stats(n, q[1], mean, sd, q[0], q[2], sorted[0], sorted[n - 1], sorted[j - 1], sorted[n - j],
                Math.max(0, mean - half), mean + half, outliers);
    }

    /**
     * The 1-based rank j such that [x(j), x(n+1-j)] is the narrowest order-statistic interval
     * covering the median with probability at least 95%: coverage is 1 - 2 P(B <= j - 1) for
     * B ~ Binomial(n, 1/2). Returns 1 (min and max) when even that falls short.
     */
    public static int medianCiRank(int n) {
        BinomialDistribution b = BinomialDistribution.of(n, 0.5);
        int j = 1;
        while (j + 1 <= (n + 1) / 2 && 1 - 2 * b.cumulativeProbability(j) >= CONFIDENCE) {
            j++;
        }
        return j;
    }
}
