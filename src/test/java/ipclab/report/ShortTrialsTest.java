package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary counts the measured trials that broke the --min-time promise, per configuration. */
class ShortTrialsTest {
    @Test
    void shortTrialsAreCountedAndNamed(@TempDir Path dir) throws Exception {
        // made-up trials of 1 MiB at hundreds of MiB/s: a few ms each, all under 50 ms
        var plan = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k,64k", "trials", "3",
                "min-time", "50"));
        Path folder = Fixtures.write(dir.resolve("short"), plan);
        // one trial of 64 KiB long enough: 1 MiB in 60 ms
        Fixtures.rewrite(folder, r -> {
            if (!(Boolean) r.get("warmup") && r.get("buffer_size_bytes").equals(65536) && r.get("iteration").equals(1)) {
                r.put("elapsed_ns", 60_000_000L);
                r.put("seconds", 0.06);
                r.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(1 << 20, 60_000_000L));
            }
        });
        Results results = ResultsReader.read(folder);
        List<Summary> summaries = Summary.of(results);
        assertThat(summaries).extracting(Summary::shortTrials).containsExactly(3, 2);
        assertThat(SummaryFormat.record(summaries.getFirst())).containsEntry("short_trials", 3);
        assertThat(SummaryFormat.MARKDOWN.render(summaries)).endsWith("\nShorter than --min-time: 5 measured trials"
                + " (2thread pipe 4 KiB -s off 3 of 3; 2thread pipe 64 KiB -s off 2 of 3).\n");
        // a --total plan makes no promise to break
        Path fixed = Fixtures.write(dir.resolve("fixed"), Fixtures.smallPlan());
        assertThat(Summary.of(ResultsReader.read(fixed))).allMatch(s -> s.shortTrials() == 0);
        assertThat(SummaryFormat.MARKDOWN.render(Summary.of(ResultsReader.read(fixed)))).doesNotContain("Shorter");
    }
}
