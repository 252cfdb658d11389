package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warning that two folders are two sweeps says how far apart they started, as the sweep wrote the times. */
class DriftWarningTest {
    private static Results startedAt(String folder, String started) {
        return new Results(Path.of(folder), Map.of("started", started), null, List.of(), List.of(), List.of(), folder);
    }

    @Test
    void aSweepStartedOnAWholeMinuteStillHasItsGap() {
        // OffsetDateTime.toString of 06:03:00 is "06:03Z": no seconds.
        String w = CompareFormat.driftWarning(startedAt("a", "2026-12-02T06:02:56Z"), startedAt("b", "2026-12-02T06:03Z"));
        assertThat(w).contains("A started 2026-12-02T06:02:56Z, B 2026-12-02T06:03Z, 4 s apart)");
    }

    @Test
    void offsetsOtherThanUtcAreRead() {
        String w = CompareFormat.driftWarning(startedAt("a", "2026-12-02T07:00:00+01:00"),
                startedAt("b", "2026-12-02T06:30:00Z"));
        assertThat(w).contains(", 30 min apart)");
    }
}
