package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans too big to build are refused by arithmetic, and a big plan that is allowed says its first
 * line before it builds anything: each a real bin/ipclab, with a generous deadline only against a
 * hang (nothing here asserts how fast).
 */
class HugePlanIT {
    private static final long DEADLINE_SECONDS = 10;

    @TempDir
    Path dir;

    /** A plan file of about 2 MB: every power of two for buffers, {@code pipeSizes} pipe sizes, five placements. */
    private Path planFile(int pipeSizes) throws Exception {
        StringBuilder b = new StringBuilder("mode: [1thread, 2thread, 2proc]\nipc: [pipe]\nbuffers: 1..1g\n")
                .append("fd-table: [private, shared]\ncpus: [any, '0', '1', '0,1', '1,0']\npipe-size: [");
        for (int i = 1; i <= pipeSizes; i++) {
            b.append(i == 1 ? "" : ", ").append(4096L * i);
        }
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, b.append("]\n"));
        return file;
    }

    private Process start(Path stdout, Path stderr, String... args) throws Exception {
        return IpclabProcess.start(stdout, stderr, args);
    }

    @Test
    void aPlanOfOneHundredMillionConfigurationsIsRefusedAtOnce() throws Exception {
        Path plan = planFile(200_000);
        assertThat(Files.size(plan)).isGreaterThan(1_500_000);
        Path out = dir.resolve("out");
        Path stdout = dir.resolve("o.txt");
        Path stderr = dir.resolve("e.txt");
        Process p = start(stdout, stderr, "sweep", "--plan", plan.toString(), "--out", out.toString());
        assertThat(p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("refused within the deadline").isTrue();
        String err = Files.readString(stderr);
        assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.DATA);
        // a plan file that takes YAML a while is announced before it is read; then the refusal
        assertThat(err.lines().toList()).hasSize(2);
        assertThat(err.lines().findFirst().orElseThrow()).startsWith("sweep: reading plan " + plan + " (");
        // 31 buffers x 200,000 pipe sizes x 21 (mode, table, placement) combinations: 1thread takes
        // a placement's first CPU only
        assertThat(err.lines().toList().getLast()).startsWith("ipclab: the plan has 1432200000 trials"
                + " (130200000 configurations x (10 trials + 1 warm-up)), more than --max-trials-total 1000000");
        assertThat(out).doesNotExist();
    }

    @Test
    void twoBillionTrialsAreRefusedAtOnce() throws Exception {
        Path stdout = dir.resolve("o.txt");
        Path stderr = dir.resolve("e.txt");
        Process p = start(stdout, stderr, "sweep", "--trials", "2147483647", "--out", dir.resolve("out").toString());
        assertThat(p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(stderr)).contains("515396075520 trials", "--max-trials-total"); // 240 configurations
    }

    /** Allowed by --max-trials-total, the plan is still too big to build at once: the first line comes first. */
    @Test
    void aBigAllowedPlanSaysItsFirstLineBeforeBuildingIt() throws Exception {
        Path plan = planFile(6_000);
        Path stdout = dir.resolve("o.txt");
        Path stderr = dir.resolve("e.txt");
        Process p = start(stdout, stderr, "sweep", "--plan", plan.toString(), "--trials", "1", "--warmup", "0",
                "--max-trials-total", "10000000", "--out", dir.resolve("out").toString(), "--no-report");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            String first = "";
            while (System.nanoTime() < deadline && first.isEmpty()) {
                first = Files.readString(stdout).lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    assertThat(p.isAlive()).as(Files.readString(stderr)).isTrue();
                    Thread.sleep(20);
                }
            }
            // 31 x 6,000 x 5 x 5 = 4,650,000 configurations, one trial each and the warm-up --min-time needs
            assertThat(first).startsWith("sweep: plan huge, 3906000 configurations x (1 trials + 1 warm-up)");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
