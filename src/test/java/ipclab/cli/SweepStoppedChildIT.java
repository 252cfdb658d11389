package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Results;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.ResultsReader;
import ipclab.experiment.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose 2proc child is stopped with SIGSTOP does not hang: the trial under way (or the
 * next one, waiting for the child's READY) fails, the child is killed and replaced, and the sweep
 * runs every other trial, ending with exit 74. On a pipe (which cannot be shut down) and a socket.
 */
class SweepStoppedChildIT {
    private static final int TRIALS = 60;

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"pipe", "local"})
    void stoppedChildIsKilledReplacedAndTheSweepGoesOn(String ipc) throws Exception {
        Path log = out.resolve("sweep.log");
        Process sweep = SweepCrashIT.ipclab(log, "sweep", "--mode", "2proc", "--ipc", ipc, "--buffers", "4k",
                "--trials", String.valueOf(TRIALS), "--warmup", "1", "--total", "4m", "--seed", "3",
                "--trial-timeout", "2", "--out", out.resolve("results").toString(), "--no-report");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path folder = null;
        while (System.nanoTime() < deadline) {
            folder = folder != null ? folder : only(out.resolve("results"));
            if (folder != null && Files.exists(folder.resolve(ResultsFiles.JSONL))
                    && Files.readAllLines(folder.resolve(ResultsFiles.JSONL)).size() >= 5) {
                break;
            }
            assertThat(sweep.isAlive()).as("the sweep ended early: %s", Files.readString(log)).isTrue();
            Thread.sleep(20);
        }
        List<ProcessHandle> children = sweep.toHandle().children().toList();
        assertThat(children).as("the 2proc child").hasSize(1);
        long childPid = children.getFirst().pid();
        assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(childPid)).start().waitFor()).isZero();

        assertThat(sweep.waitFor(150, TimeUnit.SECONDS)).as("the sweep ended by itself").isTrue();
        assertThat(sweep.exitValue()).as(Files.readString(log)).isEqualTo(74);
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the stopped child is gone").isFalse();
        Results results = ResultsReader.read(folder);
        int planned = results.configurations().size() * (TRIALS + 1);
        assertThat(results.trials()).as("every planned trial recorded").hasSize(planned);
        List<TrialRecord> failed = results.trials().stream().filter(TrialRecord::failed).toList();
        assertThat(failed).hasSizeBetween(1, 2);
        assertThat(failed.getFirst().error()).containsAnyOf("stopped answering", "was stopped (state T)");
        assertThat(results.trials().stream().filter(t -> !t.failed()).count()).isGreaterThanOrEqualTo(planned - 2);
    }

    private static Path only(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            return dirs.size() == 1 ? dirs.getFirst() : null;
        }
    }
}
