package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Stats;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryFlagsTest {
    private static Summary at(int buffer, double... values) {
        ConfigKey key = new ConfigKey(Mode.TWO_THREAD, Mechanisms.require("pipe"), buffer, false, 0, List.of());
        return new Summary("f", key, 1 << 20, 0, Stats.of(values), 0);
    }

    private static double[] around(double median, double spread) {
        double[] v = new double[10];
        for (int i = 0; i < v.length; i++) {
            v[i] = median * (1 + spread * ((i % 5) - 2) / 2.0);
        }
        return v;
    }

    @Test
    void aSteadyRisingCurveIsNotFlagged() {
        List<Summary> s = List.of(at(4096, around(100, 0.02)), at(65536, around(200, 0.02)));
        assertThat(SummaryFlags.lines(s)).isEmpty();
        assertThat(SummaryFlags.markdown(s)).contains("Nothing flagged");
    }

    @Test
    void noisyConfigurationsAndDipsAreFlaggedWithinTheWidth() {
        List<Summary> s = List.of(at(4096, around(100, 0.02)), at(32768, around(400, 0.5)), at(65536, around(230, 0.02)));
        List<String> lines = SummaryFlags.lines(s);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("flag: 1 of 3 configurations vary by over 10% (CV); worst 37%: 2thread pipe, -s off 32 KiB");
        assertThat(lines.get(1)).startsWith("flag: 1 dips >10% as buffers grow (").contains("worst -43%: 2thread pipe");
        assertThat(lines).allMatch(l -> l.length() <= CompactSummary.WIDTH);
        String md = SummaryFlags.markdown(s);
        assertThat(md).contains("## Flags", "| 2thread pipe", "| -43% |");
    }

    @Test
    void aDipWhoseIntervalsAreApartIsARealDrop() {
        List<Summary> s = List.of(at(4096, around(300, 0.01)), at(8192, around(200, 0.01)));
        assertThat(SummaryFlags.dips(s)).singleElement().matches(d -> !d.overlaps());
        assertThat(SummaryFlags.markdown(s)).contains("a real drop");
        List<Summary> noisy = List.of(at(4096, around(300, 0.9)), at(8192, around(250, 0.9)));
        assertThat(SummaryFlags.dips(noisy)).singleElement().matches(SummaryFlags.Dip::overlaps);
    }
}
