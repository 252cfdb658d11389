package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mode;
import ipclab.model.Sample;
import ipclab.experiment.ConfigKey;
import ipclab.experiment.Fixtures;
import ipclab.experiment.Trial;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void durations() {
        assertThat(Progress.duration(0)).isEqualTo("0s");
        assertThat(Progress.duration(59.4e9)).isEqualTo("59s");
        assertThat(Progress.duration(61e9)).isEqualTo("1m01s");
        assertThat(Progress.duration(3600e9)).isEqualTo("60m00s");
    }

    @Test
    void plainLinesWhenNotATerminalBarOtherwise() throws Exception {
        ConfigKey key = new ConfigKey(Mode.TWO_THREAD, Mechanisms.require("pipe"), 4096, false, 0, List.of());
        List<Trial> todo = List.of(new Trial(key, 0, true), new Trial(key, 0, false), new Trial(key, 1, false));
        var plan = Fixtures.plan(Map.of("min-time", "50"));
        StringWriter log = new StringWriter();
        Progress plain = new Progress(new PrintWriter(log), false);
        plain.started(todo, plan);
        for (int i = 0; i < todo.size(); i++) {
            plain.trialDone(todo.get(i), sample(todo.get(i)), i + 1, todo.size());
        }
        // only the last trial is worth a line within ten seconds; no carriage returns in a log
        assertThat(log.toString()).isEqualTo("ipclab: 3/3 trials (100%), ETA 0s\n".replace("\n", System.lineSeparator()))
                .doesNotContain("\r");
        StringWriter tty = new StringWriter();
        Progress bar = new Progress(new PrintWriter(tty), true, () -> 120);
        bar.started(todo, plan);
        bar.trialDone(todo.get(0), sample(todo.get(0)), 1, 3);
        assertThat(tty.toString()).startsWith("\r[##########....................] 1/3  33% ETA ?")
                .contains("2thread pipe 4 KiB -s off");
    }

    @Test
    void theLineFitsTheTerminal() {
        String trial = "2proc local 128 KiB -s on cpus 0,1 fd shared";
        for (int columns : new int[] {20, 40, 60, 80, 100, 200}) {
            String line = Progress.barLine(columns, 0.5, 528, 1056, "12m05s", trial);
            assertThat(line).hasSize(columns - 1).doesNotContain("\n");
            assertThat(line).contains(columns >= 40 ? "528/1056  50% ETA 12m05s" : "528/1056");
        }
        assertThat(Progress.barLine(200, 0.5, 528, 1056, "12m05s", trial)).startsWith("[" + "#".repeat(15) + ".")
                .contains(trial);
    }

    @Test
    void oneStalledTrialDoesNotMoveTheEstimate() throws Exception {
        ConfigKey key = new ConfigKey(Mode.TWO_THREAD, Mechanisms.require("pipe"), 4096, false, 0, List.of());
        List<Trial> todo = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            todo.add(new Trial(key, i, false));
        }
        Progress p = new Progress(new PrintWriter(new StringWriter()), false);
        p.started(todo, Fixtures.plan(Map.of("min-time", "50")));
        for (int i = 0; i < 11; i++) {
            if (i == 5) {
                Thread.sleep(400); // the stalled one
            }
            p.trialDone(todo.get(i), sample(todo.get(i)), i + 1, todo.size());
        }
        // ten short trials and one of 400 ms: the 89 left are estimated at a short trial each,
        // not at the mean (which the stall alone would put above 36 ms)
        assertThat(p.estimateNanos()).isLessThan(89 * 36e6);
    }

    private static Sample sample(Trial t) {
        return Fixtures.sample(t, 1 << 20);
    }
}
