package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.ResultsReader;
import ipclab.experiment.TrialRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep (bin/ipclab, a real child JVM, real pipes and sockets) killed with SIGKILL in the
 * middle, then resumed: every configuration ends with exactly T measured trials and its warm-up,
 * no trial twice, and every line saved before the kill still there, unchanged.
 */
class SweepCrashIT {
    private static final int TRIALS = 8;

    @TempDir
    Path out;

    @Test
    void killedSweepResumesWithoutLossOrDuplicates() throws Exception {
        Path log = out.resolve("first.log");
        Process sweep = ipclab(log, "sweep", "--mode", "2thread,2proc", "--ipc", "pipe,local", "--buffers", "4k,64k",
                "--trials", String.valueOf(TRIALS), "--warmup", "1", "--total", "256k", "--seed", "11",
                "--out", out.resolve("results").toString(), "--no-report");
        Path folder = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            folder = folder != null ? folder : onlyFolder(out.resolve("results"));
            if (folder != null && Files.exists(folder.resolve(ResultsFiles.JSONL))
                    && Files.readAllLines(folder.resolve(ResultsFiles.JSONL)).size() >= 30) {
                break;
            }
            assertThat(sweep.isAlive()).as("the sweep ended before it could be killed: %s", Files.readString(log))
                    .isTrue();
            Thread.sleep(20);
        }
        assertThat(sweep.isAlive()).as("sweep still running").isTrue();
        sweep.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, nothing
        assertThat(sweep.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sweep.exitValue()).isEqualTo(137);
        List<String> savedBefore = Files.readAllLines(folder.resolve(ResultsFiles.JSONL));
        Results before = ResultsReader.read(folder);
        int planned = before.configurations().size() * (TRIALS + 1);
        assertThat(before.trials().size()).isBetween(29, planned - 1);

        Path log2 = out.resolve("resume.log");
        Process resume = ipclab(log2, "sweep", "--resume", folder.toString(), "--no-report");
        assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).as(Files.readString(log2)).isZero();
        assertThat(Files.readString(log2)).contains("already saved");

        Results after = ResultsReader.read(folder);
        assertThat(after.warnings()).isEmpty();
        assertThat(after.trials()).hasSize(planned);
        Map<ConfigKey, Long> measured = after.trials().stream().filter(t -> !t.warmup())
                .collect(Collectors.groupingBy(TrialRecord::key, Collectors.counting()));
        assertThat(measured).hasSize(after.configurations().size());
        assertThat(measured.values()).allMatch(n -> n == TRIALS);
        assertThat(after.trials().stream().filter(TrialRecord::warmup).count())
                .isEqualTo(after.configurations().size());
        assertThat(after.trials().stream().map(TrialRecord::trial).distinct().count()).isEqualTo(planned);
        assertThat(after.trials()).noneMatch(TrialRecord::failed);
        // every whole trial saved before the kill is still there, first and unchanged
        List<String> now = Files.readAllLines(folder.resolve(ResultsFiles.JSONL));
        int kept = before.trials().size();
        assertThat(now.subList(0, kept)).isEqualTo(savedBefore.subList(0, kept));
        assertThat(Files.readAllLines(folder.resolve(ResultsFiles.CSV))).hasSize(planned + 1);
    }

    private static Path onlyFolder(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            return dirs.size() == 1 ? dirs.getFirst() : null;
        }
    }

    static Process ipclab(Path log, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(new File("bin/ipclab").getAbsolutePath());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
