package ipclab.experiment.probe;

import java.util.Arrays;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The probe effect of one tracer on one configuration, from interleaved pairs of runs: the
 * median of the per-pair ratios traced/untraced bandwidth, with a distribution-free confidence
 * interval for that median (order statistics of the ratios, binomial coverage), and a
 * Mann-Whitney U test of "traced and untraced bandwidths come from the same distribution".
 *
 * @param pairs number of pairs
 * @param medianRatio median of traced/untraced over the pairs
 * @param ciLow lower end of the interval
 * @param ciHigh upper end of the interval
 * @param ciCoverage the interval's exact coverage (at least 0.95 when there are 6 or more pairs;
 *     with fewer, the full range and its lower coverage)
 * @param mannWhitneyP two-sided p-value of the Mann-Whitney U test
 */
public record RatioEstimate(int pairs, double medianRatio, double ciLow, double ciHigh, double ciCoverage,
        double mannWhitneyP) {

    /** From bandwidths paired by index: {@code traced[i]} was run next to {@code untraced[i]}. */
    public static RatioEstimate of(double[] untraced, double[] traced) {
        int n = untraced.length;
        if (n == 0 || n != traced.length) {
            throw new IllegalArgumentException("need the same, non-zero number of traced and untraced runs");
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = traced[i] / untraced[i];
        }
        Arrays.sort(r);
        double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
        // The k-th smallest and k-th largest ratios bracket the median with probability
        // 1 - 2 P(Binomial(n, 1/2) < k); take the largest k that keeps that >= 0.95.
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && 1 - 2 * binomialCdf(n, k) >= 0.95) {
            k++;
        }
        double coverage = 1 - 2 * binomialCdf(n, k - 1);
        double p = n < 2 ? 1.0 : MannWhitneyUTest.withDefaults().test(untraced, traced).getPValue();
        return new RatioEstimate(n, median, r[k - 1], r[n - k], coverage, p);
    }

    /** P(X &lt;= x) for X ~ Binomial(n, 1/2); 0 for x &lt; 0. */
    static double binomialCdf(int n, int x) {
        if (x < 0) {
            return 0;
        }
        double sum = 0;
        double term = Math.pow(0.5, n);
        for (int i = 0; i <= Math.min(x, n); i++) {
            sum += term;
            term = term * (n - i) / (i + 1);
        }
        return sum;
    }
}
