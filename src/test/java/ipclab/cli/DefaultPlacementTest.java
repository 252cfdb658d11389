package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.PlanParser;
import ipclab.ipc.Mode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default sweep's placements: one CPU for both ends and one CPU each, and 1thread once. */
class DefaultPlacementTest {
    @Test
    void twoCpusOrMoreGiveBothPlacements() {
        assertThat(SweepCommand.defaultPlacements(List.of(0, 1))).containsExactly("0", "0,1");
        assertThat(SweepCommand.defaultPlacements(List.of(2, 3, 5))).containsExactly("2", "2,3");
        assertThat(SweepCommand.defaultPlacements(List.of(4))).containsExactly("4");
        assertThat(SweepCommand.defaultPlacements(List.of())).containsExactly("any");
    }

    @Test
    void oneThreadTakesThePlacementsFirstCpuOnly() throws Exception {
        Map<String, Object> s = new HashMap<>(Map.of("mode", "1thread,2thread", "ipc", "pipe", "buffers", "4k",
                "cpus", List.of("0", "0,1")));
        var keys = PlanParser.parse(s, 1).configurations(false);
        assertThat(keys.stream().filter(k -> k.mode() == Mode.ONE_THREAD).map(k -> k.cpusText())).containsExactly("0");
        assertThat(keys.stream().filter(k -> k.mode() == Mode.TWO_THREAD).map(k -> k.cpusText()))
                .containsExactly("0", "0,1");
        // the plan's size, by arithmetic, counts 1thread once too
        assertThat(ipclab.experiment.PlanSize.configurations(PlanParser.parse(s, 1))).isEqualTo(keys.size());
    }
}
