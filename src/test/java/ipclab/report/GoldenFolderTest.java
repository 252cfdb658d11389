package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder written by ipclab before mechanisms and workloads became plug-ins (main at
 * 19d201d: a sweep of 1thread and 2proc over pipe and local, 4 KiB and 64 KiB, both descriptor
 * tables, three trials each) still reads, reports and compares with today's build.
 */
class GoldenFolderTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/main-19d201d");

    @TempDir
    Path tmp;

    private Path copy() throws Exception {
        Path dir = tmp.resolve("main-19d201d");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void summaryOfTheOldFolder() throws Exception {
        String[] r = run("report", "--format", "csv", copy().toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        List<String> rows = r[1].lines().skip(1).toList();
        // 1thread and 2proc each with both tables, pipe and local (-s off and on), two buffers.
        assertThat(rows).hasSize(2 * 2 * 3 * 2);
        assertThat(r[1]).contains("1thread").contains("2proc").contains("pipe").contains("local");
    }

    @Test
    void comparedWithItself() throws Exception {
        Path dir = copy();
        String[] r = run("compare", dir.toString(), dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("24 configurations in both");
    }

    @Test
    void htmlReportOfTheOldFolder() throws Exception {
        Path dir = copy();
        String[] r = run("report", dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("2proc local");
    }
}
