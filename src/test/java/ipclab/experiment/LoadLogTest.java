package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadLogTest {
    private static LoadLog.Entry e(int block, double load, double others) {
        return new LoadLog.Entry(block, "2026-12-02T06:00:00Z", load, 0, others, 0);
    }

    @Test
    void aQuietSweepHasNoWarning() {
        // the first line opens the first block: its share is of the time before the sweep, not counted
        assertThat(LoadLog.busyWarning(List.of(e(0, 3.0, 0.9), e(1, 0.2, 0.02), e(-1, 0.1, 0.05)), 2)).isNull();
    }

    @Test
    void busyBlocksAreCountedWithTheMostOthersTookAndTheLoad() {
        String w = LoadLog.busyWarning(List.of(e(0, 0.5, 0.0), e(1, 2.5, 0.45), e(2, 1.0, 0.05), e(-1, 3.2, 0.30)), 2);
        assertThat(w).isEqualTo("warning: the machine was busy: other processes took more than 10% of the CPUs in 2"
                + " of 3 blocks (at most 45%; load average up to 3.2 on 2 CPUs); the figures include that, see"
                + " load.jsonl and 'ipclab check'");
    }

    private static LoadLog.Entry stolen(int block, double steal) {
        return new LoadLog.Entry(block, "2026-12-02T06:00:00Z", 0.5, 0, 0.0, steal);
    }

    @Test
    void stealTimeOverATenthInSomeBlocksIsNamedAsTheHypervisors() {
        assertThat(LoadLog.stealWarning(List.of(stolen(0, 0.9), stolen(1, 0.05), stolen(-1, 0.02)))).isNull();
        assertThat(LoadLog.stealWarning(List.of(stolen(0, 0.0), stolen(1, Double.NaN)))).isNull();
        String w = LoadLog.stealWarning(List.of(stolen(0, 0.0), stolen(1, 0.27), stolen(2, 0.04), stolen(3, 0.17),
                stolen(-1, 0.01)));
        assertThat(w).isEqualTo("warning: the hypervisor took more than 10% of the CPUs (steal time) in 2 of 4 blocks"
                + " (at most 27%): this VM shares its host's CPUs with other guests, which no setting inside it stops;"
                + " the figures include that, see load.jsonl");
        // the first line is the state before the sweep, not an interval of it
        assertThat(LoadLog.busyWarning(List.of(stolen(0, 0.5)), 2)).isNull();
    }
}
