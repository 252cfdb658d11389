package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ipclab.experiment.Comparison.Verdict;
import ipclab.model.Metric;
import org.junit.jupiter.api.Test;

/** Holm's correction against R's p.adjust(p, "holm"), and verdicts with a margin, either direction. */
class HolmTest {
    @Test
    void matchesRsPAdjust() {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-12));
        // capped at 1; one test is its own p; NaN is left out of m
        assertThat(Holm.adjust(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
        assertThat(Holm.adjust(new double[] {0.03})).containsExactly(0.03);
        double[] withNaN = Holm.adjust(new double[] {0.02, Double.NaN, 0.01});
        assertThat(withNaN[0]).isCloseTo(0.02, within(1e-12));
        assertThat(withNaN[1]).isNaN();
        assertThat(withNaN[2]).isCloseTo(0.02, within(1e-12));
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }

    @Test
    void fourTestsAtP003AreNoLongerSignificant() {
        double[] adjusted = Holm.adjust(new double[] {0.03, 0.03, 0.03, 0.03});
        for (double p : adjusted) {
            assertThat(p).isGreaterThanOrEqualTo(Comparison.ALPHA);
        }
    }

    private static final Metric ROUND_TRIP = new Metric("rtt_p50_ns", "ns", Metric.Direction.LOWER_IS_BETTER,
            "round trip", "us", 1000, s -> 0);

    @Test
    void aDifferenceIsCalledOnlyBeyondTheMarginAndWhenSignificant() {
        double[] a = {100, 101, 102, 103, 104};
        double[] slower10 = {110, 111, 112, 113, 114};
        double[] slower3 = {103, 104, 105, 106, 107.5};
        Comparison ten = Comparison.of(a, slower10, 7, ROUND_TRIP);
        Comparison three = Comparison.of(a, slower3, 7, ROUND_TRIP);
        // a 10% longer round trip is slower for a lower-is-better metric
        assertThat(ten.verdict(0.01, 0.05)).isEqualTo(Verdict.SLOWER);
        assertThat(Comparison.of(slower10, a, 7, ROUND_TRIP).verdict(0.01, 0.05)).isEqualTo(Verdict.FASTER);
        // the same difference, not significant after the correction
        assertThat(ten.verdict(0.06, 0.05)).isEqualTo(Verdict.WITHIN_NOISE);
        // 3% is within a 5% margin whatever p says, beyond a 2% one
        assertThat(three.ratio()).isCloseTo(105.0 / 102, within(1e-12));
        assertThat(three.verdict(0.001, 0.05)).isEqualTo(Verdict.NO_MEANINGFUL_DIFFERENCE);
        assertThat(three.verdict(0.9, 0.05)).isEqualTo(Verdict.NO_MEANINGFUL_DIFFERENCE);
        assertThat(three.verdict(0.001, 0.02)).isEqualTo(Verdict.SLOWER);
        assertThat(three.verdict(0.001, 0)).isEqualTo(Verdict.SLOWER);
        assertThat(Verdict.NO_MEANINGFUL_DIFFERENCE).hasToString("no meaningful difference");
    }
}
