package ipclab.experiment;

import static ipclab.workload.stream.StreamWorkload.BANDWIDTH;

import ipclab.model.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Known answers, worked out by hand (quartiles: R's type 7; t quantiles from printed tables;
 * binomial coverage from the exact binomial sums noted at each case).
 */
class StatsTest {
    private static final double[] ONE_TO_TEN = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};

    @Test
    void oneToTen() {
        Stats s = Stats.of(ONE_TO_TEN);
        assertThat(s.n()).isEqualTo(10);
        assertThat(s.median()).isEqualTo(5.5);
        assertThat(s.mean()).isEqualTo(5.5);
        // sum of squared deviations 82.5, / 9 = 9.1667, sqrt = 3.02765
        assertThat(s.sd()).isCloseTo(3.0276503541, within(1e-9));
        // type 7: h = (n - 1) p; Q1 at 1 + 2.25 = 3.25, Q3 at 1 + 6.75 = 7.75
        assertThat(s.q1()).isEqualTo(3.25);
        assertThat(s.q3()).isEqualTo(7.75);
        assertThat(s.iqr()).isEqualTo(4.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.cv()).isCloseTo(3.0276503541 / 5.5, within(1e-9));
        // n = 10: ranks 2 and 9 cover with 1 - 2 * 11/1024 = 0.9785; ranks 3 and 8 only 0.8906
        assertThat(s.medianCiLow()).isEqualTo(2);
        assertThat(s.medianCiHigh()).isEqualTo(9);
        // t(0.975, 9) = 2.262157; se = 3.02765 / sqrt(10) = 0.957427; half width 2.165852
        assertThat(s.meanCiLow()).isCloseTo(5.5 - 2.165852, within(1e-5));
        assertThat(s.meanCiHigh()).isCloseTo(5.5 + 2.165852, within(1e-5));
        assertThat(s.outliers()).isZero();
    }

    @Test
    void tukeyFlagsButKeepsAnOutlier() {
        // 1..9 and 100: Q1 = 3.25 (x3 + .25), Q3 = 7.75 (x7 + .75), IQR 4.5, upper fence 14.5
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        Stats s = Stats.of(v);
        assertThat(s.q1()).isEqualTo(3.25);
        assertThat(s.q3()).isEqualTo(7.75);
        assertThat(s.upperFence()).isEqualTo(14.5);
        assertThat(s.outliers()).isEqualTo(1);
        assertThat(s.isOutlier(100)).isTrue();
        assertThat(s.isOutlier(9)).isFalse();
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(14.5);
    }

    @Test
    void medianIntervalRanksMatchTheBinomialTable() {
        // Classic table of the sign-test interval at 95%: n=6 -> (1,6), n=8 -> (1,8), n=9 -> (2,8),
        // n=10 -> (2,9), n=12 -> (3,10), n=20 -> (6,15), n=30 -> (10,21)
        assertThat(Stats.medianCiRank(6)).isEqualTo(1);
        assertThat(Stats.medianCiRank(8)).isEqualTo(1);
        assertThat(Stats.medianCiRank(9)).isEqualTo(2);
        assertThat(Stats.medianCiRank(10)).isEqualTo(2);
        assertThat(Stats.medianCiRank(12)).isEqualTo(3);
        assertThat(Stats.medianCiRank(20)).isEqualTo(6);
        assertThat(Stats.medianCiRank(30)).isEqualTo(10);
        // below six trials no pair reaches 95%: min and max
        assertThat(Stats.medianCiRank(3)).isEqualTo(1);
    }

    @Test
    void oneTrialHasNoSpread() {
        Stats s = Stats.of(new double[] {42});
        assertThat(s.median()).isEqualTo(42);
        assertThat(s.sd()).isNaN();
        assertThat(s.meanCiLow()).isNaN();
        assertThat(s.medianCiLow()).isEqualTo(42);
        assertThat(s.medianCiHigh()).isEqualTo(42);
    }

    @Test
    void mannWhitneyExactSmallSamples() {
        // x entirely below y: U = 0; exact two-sided p = 2 / C(6,3) = 2/20 = 0.1
        Comparison c = Comparison.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}, 1, BANDWIDTH);
        assertThat(c.u()).isEqualTo(0);
        assertThat(c.pValue()).isCloseTo(0.1, within(1e-12));
        assertThat(c.ratio()).isEqualTo(2.5);
        // p = 0.1 is not below 0.05: within noise although every B beats every A
        assertThat(c.verdict()).isEqualTo("within noise");
    }

    @Test
    void mannWhitneyClearDifference() {
        // n = m = 5, no overlap: exact two-sided p = 2 / C(10,5) = 2/252 = 0.0079365
        double[] a = {100, 101, 102, 103, 104};
        double[] b = {150, 151, 152, 153, 154};
        Comparison c = Comparison.of(a, b, 7, BANDWIDTH);
        assertThat(c.pValue()).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(c.ratio()).isCloseTo(152.0 / 102, within(1e-12));
        assertThat(c.ratioCiLow()).isGreaterThan(1);
        assertThat(c.verdict()).isEqualTo("faster");
        assertThat(Comparison.of(b, a, 7, BANDWIDTH).verdict()).isEqualTo("slower");
        // the bootstrap is seeded: the same inputs give the same interval
        assertThat(Comparison.of(a, b, 7, BANDWIDTH).ratioCiHigh()).isEqualTo(c.ratioCiHigh());
    }

    /** For a metric where lower is better (a round trip), a ratio above 1 is slower. */
    @Test
    void verdictFollowsTheMetricsDirection() {
        Metric roundTrip = new Metric("rtt_p50_ns", "ns", Metric.Direction.LOWER_IS_BETTER, "round trip", "us", 1000,
                s -> 0);
        double[] a = {100, 101, 102, 103, 104};
        double[] b = {150, 151, 152, 153, 154};
        assertThat(Comparison.of(a, b, 7, roundTrip).verdict()).isEqualTo("slower");
        assertThat(Comparison.of(b, a, 7, roundTrip).verdict()).isEqualTo("faster");
    }

    @Test
    void theMeansIntervalNeverGoesBelowZero() {
        // n = 3, widely spread: Student's t reaches far below zero; a bandwidth cannot.
        Stats s = Stats.of(new double[] {10, 1000, 5000});
        assertThat(s.meanCiLow()).isZero();
        assertThat(s.meanCiHigh()).isGreaterThan(s.mean());
    }
}
