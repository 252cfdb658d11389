package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real --min-time sweep in this JVM (2thread and 2proc, one shared child), cut short as a crash
 * would and resumed: measured trials are sized from the configuration's trials so far (a resumed
 * sweep from those it finds saved), the short ones are counted alike by the outcome and the
 * summary, and the schedule is run exactly once.
 */
class SweepRunnerIT {
    @TempDir
    Path dir;

    @Test
    void minTimeSizesSurviveAResume() throws Exception {
        Plan plan = Fixtures.plan(Map.of("mode", "2thread,2proc", "ipc", "pipe", "buffers", "4k,64k", "trials", "3",
                "warmup", "1", "min-time", "5", "seed", "3"));
        Path folder = dir.resolve("r");
        Files.createDirectories(folder);
        ResultsFiles.writeMetadata(folder, ResultsFiles.metadata(plan, Machine.describe(), "test", "now"));
        SweepOutcome first;
        try (ResultsWriter w = ResultsWriter.create(folder)) {
            first = new SweepRunner(plan, List.of(), w, SweepListener.NONE).run();
        }
        assertThat(first.trialsRun()).isEqualTo(4 * 4);
        assertThat(first.failures()).isZero();
        assertThat(first.timedNanos()).isPositive().isLessThan(first.wallNanos());
        Results all = ResultsReader.read(folder);
        Map<ConfigKey, List<Long>> totals = measuredTotals(all);
        assertThat(totals).hasSize(4);
        totals.forEach((key, sizes) -> {
            assertThat(sizes).hasSize(3);
            assertThat(sizes).allMatch(size -> size % key.bufferSizeBytes() == 0);
        });
        // the outcome and the summary count the same short trials
        long shortOnes = all.trials().stream().filter(t -> !t.warmup() && !t.failed()
                && t.elapsedNanos() < 5_000_000L).count();
        assertThat(first.shortTrials()).isEqualTo(shortOnes);
        assertThat(ipclab.report.Summary.of(all).stream().mapToInt(ipclab.report.Summary::shortTrials).sum())
                .isEqualTo((int) shortOnes);
        assertThat(all.trials().stream().filter(TrialRecord::warmup))
                .allMatch(t -> t.totalBytes() == plan.pilotBytes(t.key().bufferSizeBytes()));

        // cut after the 10th trial, as a crash would, and resume
        cut(folder.resolve(ResultsFiles.JSONL), 10);
        cut(folder.resolve(ResultsFiles.CSV), 11);
        Results before = ResultsReader.repair(folder);
        SweepOutcome second;
        try (ResultsWriter w = ResultsWriter.resume(folder)) {
            SweepRunner runner = new SweepRunner(plan, before.trials(), w, SweepListener.NONE);
            assertThat(runner.remaining()).hasSize(6);
            second = runner.run();
        }
        assertThat(second.trialsRun()).isEqualTo(6);
        Results after = ResultsReader.read(folder);
        assertThat(after.trials()).hasSize(16);
        // a configuration with trials saved before the cut sizes its first resumed trial from them
        TrialSizer saved = new TrialSizer(plan.minTimeMillis());
        before.trials().stream().filter(t -> !t.failed()).forEach(t -> saved.observe(t.key(), t.totalBytes(),
                t.elapsedNanos()));
        int savedCount = before.trials().size();
        java.util.Set<ConfigKey> checked = new java.util.HashSet<>();
        for (TrialRecord t : after.trials().subList(savedCount, after.trials().size())) {
            if (!t.warmup() && saved.rates(t.key()).length > 0 && checked.add(t.key())) {
                assertThat(t.totalBytes()).as(t.key().describe()).isEqualTo(saved.bytes(t.key(), -1));
            }
        }
        assertThat(checked).isNotEmpty();
    }

    private static Map<ConfigKey, List<Long>> measuredTotals(Results r) {
        return r.trials().stream().filter(t -> !t.warmup()).collect(Collectors.groupingBy(TrialRecord::key,
                Collectors.mapping(TrialRecord::totalBytes, Collectors.toList())));
    }

    private static void cut(Path file, int lines) throws Exception {
        List<String> all = Files.readAllLines(file);
        Files.write(file, all.subList(0, lines));
    }
}
