package ipclab.experiment.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatioEstimateTest {
    @Test
    void binomialCdf() {
        assertThat(RatioEstimate.binomialCdf(10, -1)).isZero();
        assertThat(RatioEstimate.binomialCdf(10, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(RatioEstimate.binomialCdf(10, 1)).isCloseTo(11 / 1024.0, within(1e-12));
    }

    @Test
    void medianOfPairedRatiosWithOrderStatisticInterval() {
        double[] untraced = new double[10];
        double[] traced = new double[10];
        for (int i = 0; i < 10; i++) {
            untraced[i] = 100;
            traced[i] = 90 + i; // ratios 0.90 .. 0.99
        }
        RatioEstimate e = RatioEstimate.of(untraced, traced);
        assertThat(e.pairs()).isEqualTo(10);
        assertThat(e.medianRatio()).isCloseTo(0.945, within(1e-9));
        // n = 10: the 2nd smallest and 2nd largest give 1 - 2 * 11/1024 = 97.9% coverage.
        assertThat(e.ciLow()).isCloseTo(0.91, within(1e-9));
        assertThat(e.ciHigh()).isCloseTo(0.98, within(1e-9));
        assertThat(e.ciCoverage()).isGreaterThanOrEqualTo(0.95);
        assertThat(e.mannWhitneyP()).isBetween(0.0, 0.001);
    }

    @Test
    void fewPairsGiveTheFullRangeAndSayItsCoverage() {
        RatioEstimate e = RatioEstimate.of(new double[] {10, 10, 10}, new double[] {9, 11, 10});
        assertThat(e.ciLow()).isEqualTo(0.9);
        assertThat(e.ciHigh()).isEqualTo(1.1);
        assertThat(e.ciCoverage()).isCloseTo(0.75, within(1e-12));
        assertThat(e.mannWhitneyP()).isGreaterThan(0.5);
    }
}
