package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.ResultsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** compare's verdicts (Holm, the margin), its drift warning, labels, and its bad input. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private Path folder(String name) throws Exception {
        var plan = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k,64k", "trials", "8",
                "total", "1M"));
        return Fixtures.write(dir.resolve(name), plan);
    }

    /** Every trial {@code factor} times as fast: its time divided, its bandwidth recomputed, as the reader checks. */
    private static void faster(Path folder, double factor) throws Exception {
        Fixtures.rewrite(folder, record -> {
            long elapsed = Math.round(((Number) record.get("elapsed_ns")).longValue() / factor);
            long bytes = ((Number) record.get("bytes")).longValue();
            record.put("elapsed_ns", elapsed);
            record.put("seconds", elapsed / 1e9);
            record.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(bytes, elapsed));
        });
    }

    @Test
    void aSmallChangeIsNoMeaningfulDifferenceUnlessTheMarginIsSmaller() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        faster(b, 1.03);
        CliRunner r = CliRunner.run("compare", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| +3.0% |", "no meaningful difference in 2",
                "corrected by Holm's method over the 2 configurations", "outside 1 +- 5%");
        CliRunner tight = CliRunner.run("compare", "--margin", "2", a.toString(), b.toString());
        assertThat(tight.out()).contains("B faster in 2", "outside 1 +- 2%");
        assertThat(CliRunner.run("compare", "--margin", "2.5%", a.toString(), b.toString()).out())
                .contains("outside 1 +- 2.5%");
    }

    @Test
    void twoFoldersAreTwoSweepsAndSaySo() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        Path meta = b.resolve(ResultsFiles.METADATA);
        Files.writeString(meta, Files.readString(meta).replace("2026-01-01T00:00:00Z", "2026-01-01T00:42:00Z"));
        String out = CliRunner.run("compare", a.toString(), b.toString()).out();
        assertThat(out).contains("Warning: A and B are two sweeps, measured at different times (A started"
                + " 2026-01-01T00:00:00Z, B 2026-01-01T00:42:00Z, 42 min apart): every difference below includes the"
                + " machine's drift between them.");
        // a folder against itself has no drift to warn of
        assertThat(CliRunner.run("compare", a.toString(), a.toString()).out()).doesNotContain("Warning");
    }

    @Test
    void labelsNameTheFolders() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        CliRunner r = CliRunner.run("compare", "--label", "A=before,B=after", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("A: before (" + a + ")\nB: after (" + b + ")\n");
        CliRunner one = CliRunner.run("compare", "--label", "B=tuned", a.toString(), b.toString());
        assertThat(one.out()).startsWith("A: a\nB: tuned (" + b + ")\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--margin -5          | --margin: -5 must be at least 0 and below 100 (percent)",
        "--margin 100         | --margin: 100 must be at least 0 and below 100",
        "--margin five        | --margin: 'five' is not a percentage (e.g. 5 or 2.5)",
        "--margin NaN         | --margin: 'NaN' is not a percentage",
        "--label C=x          | --label: 'C=x' is not A=NAME or B=NAME",
        "--label A=           | --label: A has an empty name",
        "--label A=x,A=y      | --label: A is named twice",
        "--label A=same,B=same | --label: A and B are both called 'same'",
    })
    void badOptionsAreUsageErrors(String options, String message) throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("compare"));
        args.addAll(java.util.List.of(options.split(" ")));
        args.addAll(java.util.List.of(a.toString(), b.toString()));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(3).first().asString().startsWith("ipclab: " + message.strip());
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void foldersWithNothingInCommonAreOneLineAndUsage() throws Exception {
        Path a = folder("a");
        Path c = Fixtures.write(dir.resolve("c"), Fixtures.plan(Map.of("mode", "1thread", "ipc", "pipe", "buffers",
                "4k", "trials", "3", "total", "1M")));
        CliRunner r = CliRunner.run("compare", a.toString(), c.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).containsExactly("ipclab: " + a + " and " + c
                + " have no configuration in common (results of different plans?): nothing to compare");
    }
}
