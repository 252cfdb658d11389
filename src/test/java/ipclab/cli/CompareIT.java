package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real small sweeps, one after the other, compared by {@code bin/ipclab compare} as a user would. */
class CompareIT {
    @TempDir
    Path dir;

    /** A sweep of 1thread pipe at 4 KiB and 64 KiB, 3 trials each; its results folder. */
    private Path sweep(String name) throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("sweep", "--trials", "3", "--mode", "1thread", "--ipc", "pipe",
                "--buffers", "4k,64k", "--no-report", "--out", dir.resolve(name).toString());
        assertThat(r.code()).as(r.err()).isZero();
        String csv = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(csv.substring("results: ".length())).getParent();
    }

    @Test
    void twoSweepsComparedSayTheirVerdictsAndTheirDrift() throws Exception {
        Path a = sweep("a");
        Path b = sweep("b");
        IpclabProcess.Result r = IpclabProcess.run("compare", "--label", "A=first,B=second", a.toString(),
                b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("A: first (" + a + ")");
        assertThat(lines.get(1)).isEqualTo("B: second (" + b + ")");
        assertThat(lines.get(3)).startsWith("Warning: A and B are two sweeps, measured at different times (A started ")
                .contains(" apart): every difference below includes the machine's drift between them.");
        List<String> rows = lines.stream().filter(l -> l.startsWith("| 1thread pipe ")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row).matches(
                "\\| 1thread pipe (4|64) KiB -s off \\| [0-9.]+ \\| [0-9.]+ \\| [+-][0-9.]+% \\| [0-9.]+\\.\\.[0-9.]+"
                        + " \\| [0-9.e-]+ \\| [0-9.e-]+ \\| (faster|slower|no meaningful difference|within noise) \\|"));
        assertThat(r.out()).contains("2 configurations in both: B faster in ", "corrected by Holm's method over the 2"
                + " configurations", "outside 1 +- 5%");
        // the same folders with an impossible margin, and with nothing in common
        IpclabProcess.Result bad = IpclabProcess.run("compare", "--margin", "-1", a.toString(), b.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("ipclab: --margin: -1 must be at least 0").doesNotContain("\tat ");
        assertThat(Files.exists(a.resolve("results.jsonl"))).isTrue();
    }
}
