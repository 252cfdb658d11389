package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** report --label: each folder's name in the summary and the report, one per DIR; bad lists refused. */
class ReportLabelTest {
    @TempDir
    Path dir;

    private Path folder(String name) throws Exception {
        return Fixtures.write(dir.resolve(name), Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers",
                "4k", "trials", "3", "total", "1M")));
    }

    @Test
    void labelsNameTheFoldersInTheSummaryAndTheReport() throws Exception {
        Path a = folder("run1");
        Path b = folder("run2");
        CliRunner csv = CliRunner.run("report", "--format", "csv", "--label", "before,after", a.toString(),
                b.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("before,", "after,").doesNotContain("run1,", "run2,");
        Path out = dir.resolve("html");
        CliRunner html = CliRunner.run("report", "--out", out.toString(), "--label", "before,after", a.toString(),
                b.toString());
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("<h2>before</h2>",
                "<h2>after</h2>");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "only              | --label: 1 name for 2 folders; give one per DIR, in their order",
        "a,b,c             | --label: 3 names for 2 folders",
        "'a, '             | --label: a name is empty",
        "same,same         | --label: 'same' is given twice",
    })
    void aLabelListThatDoesNotFitTheFoldersIsAUsageError(String labels, String message) throws Exception {
        Path a = folder("run1");
        Path b = folder("run2");
        CliRunner r = CliRunner.run("report", "--format", "csv", "--label", labels, a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
        assertThat(r.err().strip().lines().findFirst().orElseThrow()).startsWith("ipclab: ");
    }
}
