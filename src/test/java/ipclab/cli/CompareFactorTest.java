package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Factor;
import ipclab.experiment.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare --factor: one option's levels inside one folder, paired block by block. */
class CompareFactorTest {
    @TempDir
    Path dir;

    private Path folder() throws Exception {
        var plan = Fixtures.plan(Map.of("mode", "1thread,2proc", "ipc", "pipe", "buffers", "4k,64k", "trials", "8",
                "total", "1M", "fd-table", "private,shared"));
        return Fixtures.write(dir.resolve("f"), plan);
    }

    /** The trials of the shared table {@code factor} times as fast (time divided, bandwidth recomputed). */
    private static void sharedFaster(Path folder, double factor, double noise) throws Exception {
        java.util.Random random = new java.util.Random(7);
        Fixtures.rewrite(folder, record -> {
            double f = record.get("fd_table").equals("shared") ? factor : 1.0;
            f *= 1 + noise * (random.nextDouble() - 0.5);
            long elapsed = Math.round(((Number) record.get("elapsed_ns")).longValue() / f);
            long bytes = ((Number) record.get("bytes")).longValue();
            record.put("elapsed_ns", elapsed);
            record.put("seconds", elapsed / 1e9);
            record.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(bytes, elapsed));
        });
    }

    @Test
    void aLevelThatIsFasterInEveryBlockIsCalledFaster() throws Exception {
        Path f = folder();
        sharedFaster(f, 1.2, 0.02);
        CliRunner r = CliRunner.run("compare", "--factor", "fd-table", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("factor fd-table in ")
                .contains("| private | shared | 8 |", "B faster in 4", "slower in 0",
                        "Holm's method over the 4");
        // 2thread has no private table: only 1thread and 2proc rows, two sizes each
        assertThat(r.out().lines().filter(l -> l.startsWith("| 1thread") || l.startsWith("| 2proc"))).hasSize(4);
    }

    @Test
    void levelsThatDifferByLessThanTheMarginAreNoMeaningfulDifference() throws Exception {
        Path f = folder();
        sharedFaster(f, 1.01, 0.01);
        CliRunner r = CliRunner.run("compare", "--factor", "fd-table", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("no meaningful difference in 4");
    }

    @Test
    void aFactorTheFolderDidNotVaryIsOneLine() throws Exception {
        Path f = folder();
        CliRunner r = CliRunner.run("compare", "--factor", "ipc", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).containsExactly("ipclab: --factor ipc: " + f
                + " did not vary it (every configuration has ipc pipe): nothing to compare");
    }

    @Test
    void badFactorCommandLinesAreUsageErrors() throws Exception {
        Path f = folder();
        CliRunner unknown = CliRunner.run("compare", "--factor", "colour", f.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().lines().findFirst().orElseThrow())
                .isEqualTo("ipclab: --factor: unknown option 'colour': use " + String.join(", ", Factor.names()));
        CliRunner two = CliRunner.run("compare", "--factor", "mode", f.toString(), f.toString());
        assertThat(two.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(two.err()).contains("give one folder, not two");
        CliRunner none = CliRunner.run("compare", f.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("Missing required parameter: 'B'");
    }

    @Test
    void theHelpListsEveryFactor() {
        CliRunner r = CliRunner.run("compare", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains(String.join(", ", Factor.names()));
    }
}
