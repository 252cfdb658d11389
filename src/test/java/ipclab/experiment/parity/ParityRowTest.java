package ipclab.experiment.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParityRowTest {
    private static ParityStudy.Row row(double... ratios) {
        ParityPoint point = ParityPoint.parse("2thread:pipe:64", "latency", 1000);
        List<ParityStudy.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            // native 1000 ns, ipclab ratio * 1000; the p99s the other way round
            pairs.add(new ParityStudy.Pair(point, true, i + 1, 1000, 1000 * ratios[i], 2000 * ratios[i], 2000));
        }
        return new ParityStudy.Row(point, true, pairs);
    }

    @Test
    void fifteenPairsGiveTheFourthAndTwelfthRatiosAsTheMediansInterval() {
        // P(B <= 3) for B ~ Bin(15, 1/2) is 0.0176: ranks 4 and 12 cover the median with 96.5%;
        // ranks 5 and 11 would cover 88%, too little.
        ParityStudy.Row r = row(1.15, 0.90, 1.01, 1.30, 0.95, 1.02, 1.06, 1.04, 0.99, 1.12, 1.03, 1.08, 1.00, 0.97,
                1.10);
        assertThat(r.ratioInterval()).containsExactly(0.99, 1.10);
        assertThat(r.p99RatioInterval()[0]).isCloseTo(1 / 1.10, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.p99RatioInterval()[1]).isCloseTo(1 / 0.99, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void belowSixPairsTheIntervalIsTheirRange() {
        assertThat(row(1.2, 0.8, 1.0, 1.1, 0.9).ratioInterval()).containsExactly(0.8, 1.2);
        assertThat(row(1.05).ratioInterval()).containsExactly(1.05, 1.05);
    }
}
