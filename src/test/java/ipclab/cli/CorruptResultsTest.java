package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.ResultsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of corrupted results folders, each read by {@code report} and {@code compare}: one line
 * naming file, line and field, exit 65 (bad data) or 66 (not a file to read), never 70, never a
 * hang (a FIFO, /dev/zero).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorruptResultsTest {
    @TempDir
    Path dir;

    /** A change to a good folder (the golden plan: 2thread pipe and local, 4k and 64k, 3 trials + 1 warm-up). */
    interface Corruption {
        void apply(Path folder) throws Exception;
    }

    private static Corruption jsonLine(int line, UnaryOperator<String> change) {
        return folder -> edit(folder.resolve(ResultsFiles.JSONL), line, change);
    }

    private static Corruption csvLine(int line, UnaryOperator<String> change) {
        return folder -> edit(folder.resolve(ResultsFiles.CSV), line, change);
    }

    /** Replaces the value of a JSON field on a line ({@code "name":value}). */
    private static Corruption field(int line, String name, String value) {
        return jsonLine(line, l -> {
            String changed = l.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,}]*)",
                    java.util.regex.Matcher.quoteReplacement("\"" + name + "\":" + value));
            assertThat(changed.equals(l) && !l.contains("\"" + name + "\":" + value)).as("field %s on line %d", name,
                    line).isFalse();
            return changed;
        });
    }

    private static void edit(Path file, int line, UnaryOperator<String> change) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, change.apply(lines.get(line - 1)));
        Files.write(file, lines);
    }

    private static Corruption special(String name, String kind) {
        return folder -> {
            Path file = folder.resolve(name);
            Files.delete(file);
            if (kind.equals("fifo")) {
                assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();
            } else {
                Files.createSymbolicLink(file, Path.of(kind));
            }
        };
    }

    private static Arguments c(String what, Corruption corruption, int code, String... fragments) {
        return Arguments.of(what, corruption, code, List.of(fragments));
    }

    static Stream<Arguments> corruptions() {
        String l5 = "results.jsonl line 5, field ";
        return Stream.of(
                c("negative bandwidth", field(5, "kib_per_sec", "-3.5"), 65, l5 + "kib_per_sec", "not positive"),
                c("zero bandwidth", field(5, "kib_per_sec", "0"), 65, l5 + "kib_per_sec", "not positive"),
                c("huge bandwidth", field(5, "kib_per_sec", "1.7e308"), 65, l5 + "kib_per_sec",
                        "is not bytes / 1024 / seconds"),
                c("bandwidth as text", field(5, "kib_per_sec", "\"NaN\""), 65, l5 + "kib_per_sec",
                        "not a finite number"),
                c("bandwidth NaN", field(5, "kib_per_sec", "NaN"), 65, "results.jsonl line 5: not a JSON"),
                c("infinite bandwidth", field(5, "kib_per_sec", "1e400"), 65, l5 + "kib_per_sec"),
                c("negative time", field(5, "elapsed_ns", "-5"), 65, l5 + "elapsed_ns"),
                c("zero time", field(5, "elapsed_ns", "0"), 65, l5 + "elapsed_ns", "not positive"),
                c("seconds disagree", field(5, "seconds", "12.5"), 65, l5 + "seconds"),
                c("iteration 999", field(5, "iteration", "999"), 65, l5 + "iteration", "past the plan's"),
                c("iteration -1", field(5, "iteration", "-1"), 65, l5 + "iteration", "not in 0.."),
                c("iteration a million", field(5, "iteration", "1000000"), 65, l5 + "iteration"),
                c("buffer wraps to 4096", field(5, "buffer_size_bytes", "4294971392"), 65,
                        l5 + "buffer_size_bytes", "not in 1..1073741824"),
                c("total not the plan's", field(5, "total_size_bytes", "2097152"), 65,
                        l5 + "total_size_bytes"),
                c("bytes short", field(5, "bytes", "1000"), 65, l5 + "bytes"),
                c("a whole number as text", field(5, "reads", "\"256\""), 65, l5 + "reads",
                        "not a whole number"),
                c("a negative count", field(5, "writes", "-1"), 65, l5 + "writes"),
                c("a port out of range", field(5, "tcp_port", "70000"), 65, l5 + "tcp_port"),
                c("a flag as a number", field(5, "warmup", "1"), 65, l5 + "warmup", "not true or false"),
                c("a null mode", field(5, "mode", "null"), 65, l5 + "mode"),
                c("bad cpus", field(5, "cpus", "\"0;rm\""), 65, l5 + "cpus"),
                c("bad fd_table", field(5, "fd_table", "\"both\""), 65, l5 + "fd_table"),
                c("an unknown field", jsonLine(5, l -> l.replace("{", "{\"extra\":1,")), 65,
                        l5 + "extra", "not a sample field"),
                c("a missing field", jsonLine(5, l -> l.replaceFirst(",\"host\":\"[^\"]*\"", "")), 65,
                        l5 + "host: missing"),
                c("two objects on a line", jsonLine(5, l -> l + l), 65, "results.jsonl line 5: not a JSON"),
                c("a key twice", jsonLine(5, l -> l.replace("{", "{\"mode\":\"1thread\",")), 65,
                        "results.jsonl line 5: not a JSON object", "Duplicate field 'mode'"),
                c("an empty line", jsonLine(5, l -> ""), 65, "results.jsonl line 5: not a JSON object"),
                c("a failed trial with a bandwidth", field(5, "error", "\"boom\""), 65, l5 + "kib_per_sec",
                        "failed trial"),
                c("a garbage CSV row", csvLine(6, l -> "garbage"), 65, "results.csv line 6:",
                        "1 columns, but the header has"),
                c("an extra CSV column", csvLine(6, l -> l + ",1"), 65, "results.csv line 6:", "columns"),
                c("a missing CSV column", csvLine(6, l -> l.substring(0, l.lastIndexOf(','))), 65,
                        "results.csv line 6:", "columns"),
                c("a CSV value contradicting the JSON", csvLine(6, l -> l.replaceFirst(",true,", ",false,")),
                        65, "results.csv line 6, field ", "does not match results.jsonl line 5"),
                c("a CSV number contradicting the JSON", csvLine(6, l -> l.replaceFirst("^2thread,(pipe|local),",
                        "2thread,$1,1")), 65, "results.csv line 6, field buffer_size_bytes"),
                c("an unclosed CSV quote", csvLine(6, l -> l.replaceFirst(",testhost,", ",\"testhost,")), 65,
                        "results.csv line 6:", "quote"),
                c("results.jsonl a FIFO", special(ResultsFiles.JSONL, "fifo"), 66, "results.jsonl",
                        "not a regular file (a FIFO)"),
                c("results.jsonl /dev/zero", special(ResultsFiles.JSONL, "/dev/zero"), 66, "results.jsonl",
                        "not a regular file (a character device)"),
                c("results.csv /dev/urandom", special(ResultsFiles.CSV, "/dev/urandom"), 66, "results.csv"),
                c("metadata.json a FIFO", special(ResultsFiles.METADATA, "fifo"), 66, "metadata.json"),
                c("metadata.json null", (Corruption) f -> Files.writeString(f.resolve(ResultsFiles.METADATA),
                        "null"), 65, "metadata.json: not a JSON object"),
                c("metadata.json with a key twice", (Corruption) f -> Files.writeString(
                        f.resolve(ResultsFiles.METADATA), "{\"seed\":1,\"seed\":2}"), 65, "Duplicate field 'seed'"),
                c("a doctored huge plan", (Corruption) f -> {
                    Path meta = f.resolve(ResultsFiles.METADATA);
                    Files.writeString(meta, Files.readString(meta).replaceFirst("\"trials\" : 3", "\"trials\" : 2147483647"));
                }, 65, "metadata.json: plan: the plan has 12884901888 trials (6 configurations), more than a sweep can run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void reportAndCompareRefuseIt(String what, Corruption corruption, int code, List<String> fragments)
            throws Exception {
        Path good = Fixtures.write(dir.resolve("good"), Fixtures.smallPlan());
        Path bad = Fixtures.write(dir.resolve("bad"), Fixtures.smallPlan());
        corruption.apply(bad);
        for (String[] args : List.of(new String[] {"report", "--format", "markdown", bad.toString()},
                new String[] {"compare", good.toString(), bad.toString()},
                new String[] {"compare", bad.toString(), good.toString()})) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.code()).as("%s: %s: %s", what, args[0], r.err()).isEqualTo(code);
            assertThat(r.err()).startsWith("ipclab: " + bad).contains(fragments).doesNotContain("\tat ", "internal");
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
    }

    /** The other side of the table: a warm-up in a plan without warm-ups. */
    @ParameterizedTest(name = "warm-up flag {0}")
    @MethodSource("warmupFlags")
    void warmupFlagsFollowThePlan(String value, int code) throws Exception {
        var plan = Fixtures.plan(Map.of("name", "nowarm", "mode", "2thread", "ipc", "pipe", "buffers", "4k",
                "trials", "3", "warmup", "0", "total", "1M"));
        Path folder = Fixtures.write(dir.resolve("w"), plan);
        field(2, "warmup", value).apply(folder);
        CliRunner r = CliRunner.run("report", "--format", "markdown", folder.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        if (code != 0) {
            assertThat(r.err()).contains("results.jsonl line 2, field warmup: true, but the plan has no warm-up trials");
        }
    }

    static Stream<Arguments> warmupFlags() {
        return Stream.of(Arguments.of("true", 65), Arguments.of("false", 0));
    }

    /** Extreme but consistent values: accepted, and the report (log axes) is still drawn. */
    @org.junit.jupiter.api.Test
    void extremeButConsistentValuesAreReported() throws Exception {
        Path folder = Fixtures.write(dir.resolve("x"), Fixtures.smallPlan());
        Fixtures.rewrite(folder, record -> {
            if ((Integer) record.get("iteration") == 1) {
                record.put("elapsed_ns", 1L);
                record.put("seconds", 1e-9);
                record.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(1 << 20, 1));
            }
        });
        CliRunner html = CliRunner.run("report", folder.toString());
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(folder.resolve("report.html")).isNotEmptyFile();
    }

    /** A chart that cannot be written is named, not report.html. */
    @org.junit.jupiter.api.Test
    void aFailedChartWriteNamesTheChart() throws Exception {
        Path folder = Fixtures.write(dir.resolve("c"), Fixtures.smallPlan());
        assertThat(CliRunner.run("report", folder.toString()).code()).isZero();
        Path charts = folder.resolve("charts");
        Path chart;
        try (var files = Files.list(charts)) {
            chart = files.filter(f -> f.toString().endsWith(".svg")).sorted().findFirst().orElseThrow();
        }
        Files.delete(chart);
        Files.createDirectory(chart);  // where the chart goes, a directory: the write fails even for root
        CliRunner r = CliRunner.run("report", folder.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(r.err().strip()).isEqualTo("ipclab: " + chart + ": Is a directory");
    }
}
