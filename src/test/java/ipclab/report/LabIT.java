package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.cli.IpclabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipclab lab --quick} end to end, as a user runs it: the first lines say what it will run and
 * how long it should take; one folder gets the sweep, the traced subset and the probe-effect
 * study (where a tracer runs here), report.html and the notebook; the report loads in headless
 * Chromium with every image decoded and no console error; the notebook runs in Debian's Jupyter
 * with no cell in error and every figure drawn; {@code --resume} of the finished folder runs
 * nothing again.
 */
class LabIT {
    @TempDir
    Path dir;

    @Test
    void quickLabEndToEnd() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("lab", "--quick", "--out", dir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("lab: the quick plan: 1. sweep of 60 configurations");
        assertThat(lines.get(1)).startsWith("lab: should take about 40s").contains("--resume");
        Path folder;
        try (Stream<Path> s = Files.list(dir)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String f : List.of("results.csv", "metadata.json", "lab.json", "summary.md", "report.html",
                Notebook.FILE)) {
            assertThat(folder.resolve(f)).as(f).isNotEmptyFile();
        }
        boolean traced = Files.exists(folder.resolve("traced.csv"));
        if (traced) {
            List<String> rows = Files.readAllLines(folder.resolve("traced.csv"));
            assertThat(rows).hasSize(5); // the header and the quick plan's four runs
            assertThat(rows.get(1).split(",")[8]).as("reads counted").isNotEqualTo("0");
            assertThat(Files.readAllLines(folder.resolve("probe-effect.csv"))).hasSize(1 + 2 * 3);
        } else {
            assertThat(r.out()).contains("lab: 2. traced: skipped");
            assertThat(r.out()).contains("lab: 3. probe effect: skipped");
        }

        Path browser = require(Chromium.find() != null ? Chromium.find().toString() : null, "chromium");
        try (Chromium chromium = new Chromium(Path.of(browser.toString()), dir.resolve("profile"))) {
            chromium.load(folder.resolve("report.html"));
            assertThat(chromium.errors()).as("console errors and failed loads").isEmpty();
            JsonNode images = chromium.evaluate("[...document.images].map(i => ({w: i.naturalWidth, c: i.complete}))");
            assertThat(images.size()).isGreaterThanOrEqualTo(traced ? 8 : 5);
            images.forEach(i -> assertThat(i.path("w").asInt()).isEqualTo(Charts.WIDTH));
            for (String q : List.of("q1", "q2", "q3", "q4", "machine")) {
                assertThat(chromium.evaluate("!!document.getElementById('" + q + "')").asBoolean()).as(q).isTrue();
            }
            // the first screen (1400 x 1000) shows the first chart
            assertThat(chromium.evaluate("document.images[0].getBoundingClientRect().top < 900").asBoolean()).isTrue();
            chromium.screenshot(Path.of("target", "lab-report-screenshot.png"));
        }

        Path executed = dir.resolve("executed.ipynb");
        Jupyter.execute(folder.resolve(Notebook.FILE), executed);
        // two bandwidth figures and three ratios; with tracing, calls and switches per MiB and the probe effect
        Jupyter.assertRanCleanly(executed, traced ? 8 : 5);

        IpclabProcess.Result again = IpclabProcess.run("lab", "--resume", folder.toString(), "--no-notebook");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("lab: 1. sweep: all 240 trials already saved");
        if (traced) {
            assertThat(again.out()).contains("lab: 2. traced: all 4 runs already saved",
                    "lab: 3. probe effect: its size already saved");
        }
    }

    @Test
    void resumeOfAFolderThatIsNotALabIsRefused() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("lab", "--resume", dir.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err().strip()).isEqualTo("ipclab: " + dir + ": not a lab folder (no lab.json)");
    }

    /** The tool's path, or the test fails (IPCLAB_REQUIRE_TOOLS=1, as on CI) or is skipped naming the package. */
    static Path require(String path, String debianPackage) {
        if (path == null) {
            if ("1".equals(System.getenv("IPCLAB_REQUIRE_TOOLS"))) {
                fail(debianPackage + " is not installed and IPCLAB_REQUIRE_TOOLS=1 (apt-get install " + debianPackage
                        + ")");
            }
            Assumptions.abort(debianPackage + " is not installed (apt-get install " + debianPackage + ")");
        }
        return Path.of(path);
    }

    /** Debian's Jupyter, run on a notebook. */
    static final class Jupyter {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Executes {@code notebook} into {@code executed}; skips (or fails on CI) without Jupyter. */
        static void execute(Path notebook, Path executed) throws Exception {
            String jupyter = Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")) ? "/usr/bin/jupyter" : null;
            require(jupyter, "jupyter-nbconvert"); // /usr/bin/jupyter-nbconvert: python3-nbconvert alone does not bring it
            for (String module : List.of("ipykernel", "pandas", "matplotlib")) {
                // Debian's Python, the one its Jupyter and kernel run (a pyenv python3 may come first on PATH)
                Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                require(p.waitFor() == 0 ? "ok" : null, "python3-" + module);
            }
            Process p = new ProcessBuilder(jupyter, "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=120", notebook.toString(), "--output", executed.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("nbconvert did not end in 180 s");
            }
            assertThat(p.exitValue()).as(output).isZero();
        }

        /** Every code cell ran, none has an error output, and at least {@code figures} images were drawn. */
        static void assertRanCleanly(Path executed, int figures) throws Exception {
            JsonNode nb = JSON.readTree(executed.toFile());
            int images = 0;
            for (JsonNode cell : nb.path("cells")) {
                if (!cell.path("cell_type").asText().equals("code") || cell.path("source").isEmpty()) {
                    continue;
                }
                assertThat(cell.path("execution_count").isNumber()).as("ran: " + cell.path("source")).isTrue();
                for (JsonNode o : cell.path("outputs")) {
                    assertThat(o.path("output_type").asText()).as(o.toString()).isNotEqualTo("error");
                    if (o.path("data").has("image/png")) {
                        images++;
                    }
                }
            }
            assertThat(images).as("figures drawn").isGreaterThanOrEqualTo(figures);
        }
    }
}
