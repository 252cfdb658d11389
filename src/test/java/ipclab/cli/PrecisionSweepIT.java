package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ResultsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep --precision: blocks are added until each median's interval is within the margin, or --max-trials. */
class PrecisionSweepIT {
    @Test
    void anUnreachablePrecisionStopsAtMaxTrialsAndSaysWhich(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("sweep", "--out", dir.toString(), "--mode", "2thread", "--ipc", "pipe",
                "--buffers", "4k,64k", "--trials", "3", "--total", "1m", "--precision", "0.0001%", "--max-trials", "7",
                "--no-report");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("precision: 0 of 2 configurations have their median's 95% interval within"
                + " +-0.0001%, with 7 to 7 measured trials", "not within it: 2thread pipe 4 KiB");
        Path folder;
        try (var list = Files.list(dir)) {
            folder = list.findFirst().orElseThrow();
        }
        var results = ResultsReader.read(folder);
        assertThat(results.trials().stream().filter(t -> !t.warmup())).hasSize(14);
        assertThat(results.trials().stream().mapToInt(t -> t.iteration()).max().orElseThrow()).isEqualTo(6);
        // the machine's load: one line as each of the 8 blocks began (1 warm-up, 3 scheduled, 4 added), one at the end
        var load = Files.readAllLines(folder.resolve("load.jsonl"));
        assertThat(load).hasSize(9);
        assertThat(load.getFirst()).startsWith("{\"block\":1,\"time\":\"").contains("\"others_cpu_share\":");
        assertThat(load.getLast()).startsWith("{\"block\":null,");
    }

    @Test
    void aLoosePrecisionStopsAsSoonAsItIsMet(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("sweep", "--out", dir.toString(), "--mode", "2thread", "--ipc", "pipe",
                "--buffers", "4k", "--trials", "2", "--total", "1m", "--precision", "99", "--max-trials", "30",
                "--no-report");
        assertThat(r.code()).as(r.err()).isZero();
        Path folder;
        try (var list = Files.list(dir)) {
            folder = list.findFirst().orElseThrow();
        }
        var results = ResultsReader.read(folder);
        double[] values = results.trials().stream().filter(t -> !t.warmup() && !t.failed())
                .sorted(java.util.Comparator.comparingInt(t -> t.iteration())).mapToDouble(t -> t.value()).toArray();
        // Whatever the machine's noise: the sweep stopped at the first block after which the trials
        // so far were precise (six at least: the fewest with a 95% interval), or at --max-trials.
        int expected = 30;
        for (int n = 2; n <= 30; n++) {
            if (n <= values.length && results.plan().precise(java.util.Arrays.copyOf(values, n))) {
                expected = n;
                break;
            }
        }
        assertThat(values).hasSize(expected);
        assertThat(expected).isGreaterThanOrEqualTo(ipclab.experiment.Plan.MIN_PRECISE_TRIALS);
        assertThat(r.out()).contains((expected < 30 ? "precision: 1 of 1" : "precision: 0 of 1")
                + " configurations have their median's 95% interval within +-99%, with " + expected + " to "
                + expected + " measured trials");
    }
}
