package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.bench.SampleFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The results files against golden copies, in a point-decimal and a comma-decimal locale; the reader's checks. */
class ResultsFilesTest {
    @TempDir
    Path dir;

    /** The golden copy; with -Dgolden.update=true, {@code actual} becomes it (look at the diff before committing). */
    static String golden(String name, String actual) throws Exception {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual);
        }
        try (var in = ResultsFilesTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "fr-FR"})
    void csvAndJsonLinesMatchTheGoldenFiles(String tag) throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(tag));
            Path folder = Fixtures.write(dir.resolve("golden-run"), Fixtures.smallPlan());
            String csv = Files.readString(folder.resolve(ResultsFiles.CSV));
            String jsonl = Files.readString(folder.resolve(ResultsFiles.JSONL));
            assertThat(csv).isEqualTo(golden("results.csv", csv));
            assertThat(jsonl).isEqualTo(golden("results.jsonl", jsonl));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void columnsComeFromTheSampleFields() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        String header = Files.readAllLines(folder.resolve(ResultsFiles.CSV)).getFirst();
        assertThat(header.split(",")).containsExactlyElementsOf(SampleFields.names());
        Results r = ResultsReader.read(folder);
        assertThat(r.trials()).hasSize(6 * 4);
        assertThat(r.warnings()).isEmpty();
    }

    /** A sweep over both descriptor tables reads back as the configurations it ran, tables apart. */
    @Test
    void descriptorTablesReadBackAsConfigurations() throws Exception {
        Plan plan = Fixtures.plan(Map.of("name", "tables", "mode", "1thread,2thread", "ipc", "pipe", "buffers", "4k",
                "fd-table", "private,shared", "trials", "2", "warmup", "0", "total", "1M"));
        Results r = ResultsReader.read(Fixtures.write(dir.resolve("t"), plan));
        assertThat(r.trials()).extracting(t -> t.key().describe()).containsOnly(
                "1thread pipe 4 KiB -s off", "1thread pipe 4 KiB -s off shared fd table", "2thread pipe 4 KiB -s off");
        assertThat(r.trials()).hasSize(3 * 2);
    }

    /** A folder from before fd_table: its 1thread and 2proc trials ran on the shared table. */
    @Test
    void foldersFromBeforeDescriptorTablesReadAsShared() throws Exception {
        Plan plan = Fixtures.plan(Map.of("name", "old", "mode", "1thread,2thread", "ipc", "pipe", "buffers", "4k",
                "trials", "1", "warmup", "0", "total", "1M"));
        Path folder = Fixtures.write(dir.resolve("old"), plan);
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        // Such a folder has neither fd_table nor any field appended after it.
        Files.writeString(jsonl, Files.readString(jsonl).replaceAll(",\\s*\"fd_table\"[^\n]*}", "}"));
        Path csv = folder.resolve(ResultsFiles.CSV);
        List<String> lines = Files.readAllLines(csv);
        int kept = List.of(lines.getFirst().split(",")).indexOf("fd_table");
        StringBuilder cut = new StringBuilder();
        for (String line : lines) {
            cut.append(String.join(",", List.of(line.split(",", -1)).subList(0, kept))).append('\n');
        }
        Files.writeString(csv, cut.toString());
        Path meta = folder.resolve(ResultsFiles.METADATA);
        Files.writeString(meta, Files.readString(meta).replaceAll(",\\s*\"fd-table\"\\s*:\\s*\\[[^]]*\\]", ""));
        assertThat(Files.readString(jsonl)).doesNotContain("fd_table");
        assertThat(Files.readString(meta)).doesNotContain("fd-table");
        Results r = ResultsReader.read(folder);
        assertThat(r.trials()).extracting(t -> t.key().describe()).containsExactlyInAnyOrder(
                "1thread pipe 4 KiB -s off shared fd table", "2thread pipe 4 KiB -s off");
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        assertThat(ResultsFiles.csvValue("0,1")).isEqualTo("\"0,1\"");
        assertThat(ResultsFiles.csvValue("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(ResultsFiles.csvValue("two\nlines")).isEqualTo("two lines");
        assertThat(ResultsFiles.csvValue(null)).isEmpty();
        assertThat(ResultsFiles.number(5.8002E-4)).isEqualTo("0.00058002");
        assertThat(ResultsFiles.number(1234567.0)).isEqualTo("1234567");
    }

    @Test
    void tornLastLineIsReportedAndIgnored() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Files.writeString(folder.resolve(ResultsFiles.JSONL), "{\"mode\":\"2thr", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(folder.resolve(ResultsFiles.CSV), "2thread,pi", java.nio.file.StandardOpenOption.APPEND);
        Results r = ResultsReader.read(folder);
        assertThat(r.trials()).hasSize(24);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().getFirst()).contains("results.jsonl line 25: torn last line");
    }

    @Test
    void repairCutsTornLinesAndAHalfWrittenTrial() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path csv = folder.resolve(ResultsFiles.CSV);
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        // a crash after the last trial's JSON line, in the middle of its CSV row
        var csvLines = Files.readAllLines(csv);
        Files.writeString(csv, String.join("\n", csvLines.subList(0, csvLines.size() - 1)) + "\n2thread,lo");
        Results r = ResultsReader.repair(folder);
        assertThat(r.trials()).hasSize(23);
        assertThat(Files.readAllLines(jsonl)).hasSize(23);
        assertThat(Files.readAllLines(csv)).hasSize(24);
        assertThat(Files.readString(csv)).endsWith("\n");
        assertThat(ResultsReader.read(folder).warnings()).isEmpty();
    }

    @Test
    void corruptLineIsAnErrorNamingFileAndLine() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        var lines = Files.readAllLines(jsonl);
        lines.set(4, "not json at all");
        Files.write(jsonl, lines);
        assertThatThrownBy(() -> ResultsReader.read(folder))
                .isInstanceOf(ResultsException.class)
                .hasMessageContaining("results.jsonl line 5: not a JSON object");
    }

    @Test
    void trialOfAnotherPlanIsNotMixedIn() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        var lines = Files.readAllLines(jsonl);
        lines.set(2, lines.get(2).replace("\"buffer_size_bytes\":4096", "\"buffer_size_bytes\":8192")
                .replace("\"buffer_size_bytes\":65536", "\"buffer_size_bytes\":8192"));
        Files.write(jsonl, lines);
        assertThatThrownBy(() -> ResultsReader.read(folder))
                .hasMessageContaining("results.jsonl line 3")
                .hasMessageContaining("8 KiB")
                .hasMessageContaining("different plan");
    }

    @Test
    void duplicateTrialIsAnError() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        Path csv = folder.resolve(ResultsFiles.CSV);
        var lines = Files.readAllLines(jsonl);
        Files.writeString(jsonl, lines.get(6) + "\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(csv, Files.readAllLines(csv).get(7) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ResultsReader.read(folder))
                .hasMessageContaining("results.jsonl line 25")
                .hasMessageContaining("first on line 7");
    }

    @Test
    void differentColumnsAreRefused() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path csv = folder.resolve(ResultsFiles.CSV);
        var lines = Files.readAllLines(csv);
        lines.set(0, "a,b,c");
        Files.write(csv, lines);
        assertThatThrownBy(() -> ResultsReader.read(folder)).hasMessageContaining("results.csv line 1");
    }

    @Test
    void fullDiskStopsWithAClearMessageAndKeepsTheFileValid() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        long jsonlSize = Files.size(folder.resolve(ResultsFiles.JSONL));
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this machine");
        // results.csv on a device that always answers ENOSPC
        Path csv = folder.resolve(ResultsFiles.CSV);
        Path saved = dir.resolve("saved.csv");
        Files.move(csv, saved);
        Files.createSymbolicLink(csv, full);
        try (ResultsWriter w = ResultsWriter.resume(folder)) {
            Trial t = new Trial(Fixtures.smallPlan().configurations(false).getFirst(), 5, false);
            assertThatThrownBy(() -> w.append(Fixtures.sample(t, 1 << 20)))
                    .isInstanceOf(ResultsException.class)
                    .hasMessageContaining("results.csv: No space left on device")
                    .satisfies(e -> assertThat(((ResultsException) e).kind()).isEqualTo(ResultsException.Kind.IO));
        }
        // the JSON line of the trial that could not be saved whole was taken back
        assertThat(Files.size(folder.resolve(ResultsFiles.JSONL))).isEqualTo(jsonlSize);
    }
}
