package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.report.PlacementSplit.Ran;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placement-split detection on synthetic trial records: a split, and trials that do not split. */
class PlacementSplitTest {
    private static Ran same(double v) {
        return new Ran(v, 0, 0, 0, 0);
    }

    private static Ran apart(double v) {
        return new Ran(v, 0, 0, 1, 1);
    }

    @Test
    void trialsOnOneCpuAndOnTwoWithDifferentResultsSplit() {
        var split = PlacementSplit.of(List.of(same(1000 * 1024), apart(400 * 1024), same(1010 * 1024),
                apart(410 * 1024), same(990 * 1024), apart(405 * 1024), new Ran(700 * 1024, 0, 1, 0, 0)));
        assertThat(split).isPresent();
        assertThat(split.get().oneCpu()).isEqualTo(3);
        assertThat(split.get().twoCpus()).isEqualTo(3); // the trial that moved is in neither group
        assertThat(split.get().text(ipclab.workload.stream.StreamWorkload.BANDWIDTH))
                .isEqualTo("trials split by placement: 3 on one CPU at 1000.0 MiB/s, 3 on two at 405.0 MiB/s;"
                        + " pin with --cpus");
    }

    @Test
    void trialsThatAgreeOrRanOnOnePlacementDoNotSplit() {
        // both placements, results within noise of each other
        assertThat(PlacementSplit.of(List.of(same(1000), apart(1010), same(990), apart(1005)))).isEmpty();
        // far apart medians but overlapping ranges
        assertThat(PlacementSplit.of(List.of(same(1000), same(400), apart(420), apart(390), same(1100)))).isEmpty();
        // one placement only, however varied
        assertThat(PlacementSplit.of(List.of(same(1000), same(400), same(700)))).isEmpty();
        // CPUs not recorded
        assertThat(PlacementSplit.of(List.of(new Ran(1000, -1, -1, -1, -1), new Ran(400, -1, -1, -1, -1)))).isEmpty();
    }
}
