package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.ResultsFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep, report and compare as a user types them: exit codes, one-line errors, no stack traces. */
class ExperimentCommandsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).startsWith("ipclab: ").contains(fragments).doesNotContain("\tat ", "Exception");
        if (code != ExitCodes.USAGE) {
            assertThat(r.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void impossiblePointsAreRefusedBeforeAnythingRuns() {
        Path out = dir.resolve("results");
        assertOneLineError(run("sweep", "--mode", "2thread", "--ipc", "pipe", "-s", "on", "--out", out.toString()),
                ExitCodes.USAGE, "pipe", "-s on");
        assertOneLineError(run("sweep", "--mode", "2thread", "--ipc", "pipe", "--buffers", "4k,64k", "--total", "16k",
                "--out", out.toString()), ExitCodes.USAGE, "2thread pipe 64 KiB", "larger than --total");
        assertOneLineError(run("sweep", "--cpus", "0,4096", "--out", out.toString()), ExitCodes.USAGE,
                "CPU 4096 is not online");
        assertOneLineError(run("sweep", "--buffers", "3..64", "--out", out.toString()), ExitCodes.USAGE,
                "powers of two");
        assertOneLineError(run("sweep", "--total", "1M", "--min-time", "5", "--out", out.toString()),
                ExitCodes.USAGE, "not both");
        assertThat(out).doesNotExist();
    }

    @Test
    void badPlanFileIsADataError() throws Exception {
        Path plan = dir.resolve("p.yaml");
        Files.writeString(plan, "mode: [2thread]\nbufers: 4k\n");
        assertOneLineError(run("sweep", "--plan", plan.toString(), "--out", dir.toString()), ExitCodes.DATA,
                "p.yaml", "unknown setting 'bufers'");
        // a missing plan file is missing input, as the help says
        assertOneLineError(run("sweep", "--plan", dir.resolve("none.yaml").toString()), ExitCodes.NO_INPUT,
                "no such plan file");
    }

    @Test
    void resumeTakesNoPlanOptions() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        assertOneLineError(run("sweep", "--resume", folder.toString(), "--trials", "3"), ExitCodes.USAGE,
                "give no plan options");
        // a finished sweep resumes to nothing and reports again
        Run r = run("sweep", "--resume", folder.toString(), "--no-report");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 trials to run (24 already saved)", "\n2thread pipe, -s off ",
                "summary: " + folder.resolve("summary.md"));
        // the terminal gets the compact table; the folder keeps the full one
        String table = r.out().substring(r.out().indexOf("median MiB/s of"), r.out().indexOf("\nsummary: "));
        assertThat(table.lines()).hasSize(4).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(
                ipclab.report.CompactSummary.WIDTH));
        assertThat(Files.readString(folder.resolve("summary.md"))).contains("### 2thread pipe, -s off");
    }

    @Test
    void reportOfMissingOrCorruptFolders() throws Exception {
        assertOneLineError(run("report", dir.resolve("nothing").toString()), ExitCodes.NO_INPUT,
                "no such results folder");
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        List<String> lines = Files.readAllLines(jsonl);
        lines.set(9, "{\"mode\":");
        Files.write(jsonl, lines);
        assertOneLineError(run("report", folder.toString()), ExitCodes.DATA, "results.jsonl line 10");
    }

    @Test
    void reportFormatsAndHtml() throws Exception {
        Path folder = Fixtures.write(dir.resolve("r"), Fixtures.smallPlan());
        Run md = run("report", "--format", "markdown", folder.toString());
        assertThat(md.code()).isZero();
        assertThat(md.out()).contains("### 2thread local, -s on", "| 64 KiB | 3 |");
        Run csv = run("report", "--format", "csv", folder.toString());
        assertThat(csv.out().lines()).hasSize(7).first().asString().startsWith("source,mode,ipc,buffer_size_bytes");
        assertOneLineError(run("report", "--format", "xml", folder.toString()), ExitCodes.USAGE, "xml");
        Run html = run("report", folder.toString());
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(html.out()).startsWith("report: ").contains("report.html");
        assertThat(folder.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void compareSaysFasterSlowerOrNoise() throws Exception {
        var plan = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k,64k", "trials", "8",
                "total", "1M"));
        Path a = Fixtures.write(dir.resolve("a"), plan);
        Path b = Fixtures.write(dir.resolve("b"), plan);
        Run same = run("compare", a.toString(), b.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("no meaningful difference in 2", "| 2thread pipe 4 KiB -s off |");
        // B ten percent faster in every trial
        Fixtures.rewrite(b, ExperimentCommandsTest::faster);
        Run faster = run("compare", a.toString(), b.toString());
        assertThat(faster.out()).contains("+10.0%", "faster", "B faster in 2");
    }

    /** The same trial 10% faster: its time shortened, its bandwidth recomputed from it, as the reader checks. */
    private static void faster(Map<String, Object> record) {
        long elapsed = Math.round(((Number) record.get("elapsed_ns")).longValue() / 1.1);
        long bytes = ((Number) record.get("bytes")).longValue();
        record.put("elapsed_ns", elapsed);
        record.put("seconds", elapsed / 1e9);
        record.put("kib_per_sec", ipclab.model.Blocks.kibPerSec(bytes, elapsed));
    }

    @Test
    void theEndLineSaysHowTheMinTimePromiseWasKept() throws Exception {
        var minTime = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k", "trials", "3",
                "min-time", "50"));
        var total = Fixtures.smallPlan();
        var outcome = new ipclab.experiment.SweepOutcome(8, 0, 1, 2, 0);
        assertThat(SweepCommand.shortText(minTime, outcome)).isEqualTo("; every measured trial lasted at least 50 ms");
        assertThat(SweepCommand.shortText(minTime, new ipclab.experiment.SweepOutcome(8, 0, 1, 2, 3)))
                .isEqualTo("; 3 measured trials shorter than --min-time 50 ms (counted per configuration in summary.md)");
        assertThat(SweepCommand.shortText(total, outcome)).isEmpty();
    }

    @Test
    void unwritableOutIsCantCreate() {
        assertOneLineError(run("sweep", "--mode", "2thread", "--ipc", "pipe", "--buffers", "4k", "--trials", "1",
                "--total", "4k", "--out", "/proc/ipclab-no"), ExitCodes.CANT_CREATE, "/proc/ipclab-no");
    }
}
