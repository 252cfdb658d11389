package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lab report's explanations: where a curve levels off, and which of the machine's sizes is near. */
class LabReportTest {
    private static TreeMap<Integer, Double> line(double... medians) {
        TreeMap<Integer, Double> t = new TreeMap<>();
        for (int i = 0; i < medians.length; i++) {
            t.put(1024 << i, medians[i]);
        }
        return t;
    }

    @Test
    void levelsOffAtTheFirstSizeWithinTenPercentOfThePeak() {
        // 1k 2k 4k 8k 16k: a noisy dip at 2k must not count as levelling off
        assertThat(LabReport.levelsOff(line(100, 105, 400, 920, 1000))).isEqualTo(8192);
        assertThat(LabReport.levelsOff(line(100, 200, 400, 800, 1600))).isEqualTo(16384);
        assertThat(LabReport.levelsOff(line(500))).isEqualTo(1024);
    }

    @Test
    void nearestMarkWithinAFactorOfTwo() {
        List<Charts.Mark> marks = List.of(new Charts.Mark("pipe capacity", 65536), new Charts.Mark("L2", 1 << 20));
        assertThat(LabReport.nearestMark(131072, marks)).isEqualTo("pipe capacity (64 KiB)");
        assertThat(LabReport.nearestMark(1 << 20, marks)).isEqualTo("L2 (1 MiB)");
        assertThat(LabReport.nearestMark(4096, marks)).isEmpty();
    }

    @Test
    void ratioLinesHaveOnlySizesBothSidesHave() {
        LabCharts.Line r = LabReport.ratio("x", line(100, 200, 300), line(50, 100), false);
        assertThat(r.points().keySet()).containsExactly(1024, 2048);
        assertThat(r.points().get(2048).value()).isEqualTo(2.0);
    }
}
