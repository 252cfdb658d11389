package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.Plan;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.ResultsLock;
import ipclab.experiment.ResultsReader;
import ipclab.experiment.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real sweeps on one results folder: the second is refused at once (73, naming the first's
 * pid) and touches nothing; the first finishes the folder whole. A holder killed with SIGKILL
 * leaves no stale lock.
 */
class ResultsLockIT {
    private static final int TRIALS = 150;

    @TempDir
    Path dir;

    /** Configurations of the plan: 2thread pipe, local -s off, local -s on. */
    private static final int CONFIGS = 3;

    /** An interrupted sweep: the plan's first block saved, the other TRIALS - 1 blocks to run. */
    private Path interrupted() throws Exception {
        Plan plan = Fixtures.plan(Map.of("name", "lock", "mode", "2thread", "ipc", "pipe,local", "buffers", "4k",
                "trials", String.valueOf(TRIALS), "warmup", "0", "total", "4M", "seed", "5"));
        assertThat(plan.configurations(false)).hasSize(CONFIGS);
        Path folder = Fixtures.write(dir.resolve("r"), plan);
        for (String name : List.of(ResultsFiles.JSONL, ResultsFiles.CSV)) {
            Path f = folder.resolve(name);
            List<String> lines = Files.readAllLines(f);
            Files.write(f, lines.subList(0, name.equals(ResultsFiles.CSV) ? CONFIGS + 1 : CONFIGS));
        }
        return folder;
    }

    /** Waits until a sweep process holds the folder's lock (its pid is in the lock file). */
    private static void awaitHolder(Path folder, Process holder, Path log) throws Exception {
        Path lockFile = folder.resolve(ResultsLock.FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(lockFile) && Files.readString(lockFile).strip().equals(String.valueOf(holder.pid()))) {
                return;
            }
            assertThat(holder.isAlive()).as("the first sweep ended early: %s", Files.readString(log)).isTrue();
            Thread.sleep(10);
        }
        throw new AssertionError("the first sweep never took the lock");
    }

    @Test
    void twoConcurrentResumesOneIsRefusedAndTheFolderStaysWhole() throws Exception {
        Path folder = interrupted();
        Path log = dir.resolve("first.log");
        // Many trials, and the second start waits for the lock: the first is still running then.
        Process first = SweepCrashIT.ipclab(log, "sweep", "--resume", folder.toString(), "--no-report");
        awaitHolder(folder, first, log);
        List<String> jsonlBefore = Files.readAllLines(folder.resolve(ResultsFiles.JSONL));

        Path log2 = dir.resolve("second.log");
        Process second = SweepCrashIT.ipclab(log2, "sweep", "--resume", folder.toString(), "--no-report");
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("the refused sweep ended").isTrue();
        String refused = Files.readString(log2);
        assertThat(second.exitValue()).as(refused).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(refused.strip()).startsWith("ipclab: " + folder)
                .contains("another sweep is writing this folder (pid " + first.pid() + ")")
                .doesNotContain("\tat ", "Exception");
        assertThat(refused.strip().lines()).hasSize(1);

        assertThat(first.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(log)).isZero();
        Results after = ResultsReader.read(folder);
        assertThat(after.warnings()).isEmpty();
        assertThat(after.trials()).hasSize(CONFIGS * TRIALS);
        assertThat(after.trials().stream().map(TrialRecord::trial).distinct().count()).isEqualTo(CONFIGS * TRIALS);
        assertThat(Files.readAllLines(folder.resolve(ResultsFiles.CSV))).hasSize(CONFIGS * TRIALS + 1);
        List<String> now = Files.readAllLines(folder.resolve(ResultsFiles.JSONL));
        assertThat(now.subList(0, CONFIGS)).isEqualTo(jsonlBefore.subList(0, CONFIGS));
    }

    @Test
    void aHolderKilledWithSigkillLeavesNoStaleLock() throws Exception {
        Path folder = interrupted();
        Path log = dir.resolve("killed.log");
        Process first = SweepCrashIT.ipclab(log, "sweep", "--resume", folder.toString(), "--no-report");
        awaitHolder(folder, first, log);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the pid is still in the file, but the kernel dropped the lock with the process
        assertThat(Files.readString(folder.resolve(ResultsLock.FILE)).strip()).isEqualTo(String.valueOf(first.pid()));
        Path log2 = dir.resolve("resume.log");
        Process resume = SweepCrashIT.ipclab(log2, "sweep", "--resume", folder.toString(), "--no-report");
        assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).as(Files.readString(log2)).isZero();
        Results after = ResultsReader.read(folder);
        assertThat(after.trials()).hasSize(CONFIGS * TRIALS);
        assertThat(after.trials().stream().map(TrialRecord::trial).distinct().count()).isEqualTo(CONFIGS * TRIALS);
    }
}
