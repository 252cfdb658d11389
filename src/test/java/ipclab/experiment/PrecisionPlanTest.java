package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --precision and --max-trials in plans: parsing, the metadata round trip, and when values are precise. */
class PrecisionPlanTest {
    private static Plan plan(Map<String, Object> extra) throws PlanException {
        Map<String, Object> s = new HashMap<>(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k", "trials", "5"));
        s.putAll(extra);
        return PlanParser.parse(s, 1);
    }

    @Test
    void withoutPrecisionTheTrialsAreFixed() throws PlanException {
        Plan p = plan(Map.of());
        assertThat(p.precision()).isZero();
        assertThat(p.maxTrials()).isEqualTo(5);
        assertThat(p.precise(new double[] {1})).isTrue();
    }

    @Test
    void precisionTakesAPercentageAndBoundsTheTrials() throws PlanException {
        Plan p = plan(Map.of("precision", "2%", "max-trials", "12"));
        assertThat(p.precision()).isEqualTo(0.02);
        assertThat(p.maxTrials()).isEqualTo(12);
        assertThat(plan(Map.of("precision", "2.5")).maxTrials()).isEqualTo(PlanParser.DEFAULT_MAX_TRIALS);
        assertThat(PlanParser.parse(new HashMap<>(PlanParser.toSettings(p)), 1)).isEqualTo(p);
        assertThat(PlanSize.trials(p)).isEqualTo(12 + p.warmupTrials());
    }

    @Test
    void preciseMeansTheMediansIntervalIsWithinTheMargin() throws PlanException {
        Plan p = plan(Map.of("precision", "2%"));
        double[] tight = new double[12];
        double[] loose = new double[12];
        for (int i = 0; i < 12; i++) {
            tight[i] = 100 + (i % 3 - 1) * 0.5;
            loose[i] = 100 + (i % 3 - 1) * 10;
        }
        assertThat(p.precise(tight)).isTrue();
        assertThat(p.precise(loose)).isFalse();
        // below six trials there is no 95% interval of the median: never precise
        assertThat(p.precise(new double[] {100, 100.1, 99.9, 100, 100.1})).isFalse();
        assertThat(p.precise(new double[] {100, 100.1, 99.9, 100, 100.1, 100})).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "precision=0|--precision: 0 must be more than 0 and below 100 (percent)",
        "precision=100%|--precision: 100% must be more than 0 and below 100",
        "precision=two|--precision: 'two' is not a percentage",
        "precision=-1|--precision: '-1' is not a percentage",
        "precision=2;max-trials=3|--max-trials 3 is below --trials 5",
        "max-trials=20|--max-trials bounds --precision's added trials: give --precision too",
    })
    void badValuesAreOneLine(String settings, String message) {
        Map<String, Object> extra = new HashMap<>();
        for (String kv : settings.split(";")) {
            extra.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        assertThatThrownBy(() -> plan(extra)).isInstanceOf(PlanException.class).hasMessageStartingWith(message);
    }
}
