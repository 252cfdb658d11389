package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.experiment.Fixtures;
import ipclab.experiment.Plan;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of two results folders, opened in headless Chromium from the file system (as a
 * user opens it offline): no console error, no failed load, every chart image decoded, one table
 * row per configuration and folder. A control page with a broken image and a console error
 * proves the checks can fail. The screenshot is kept in target/ as an artefact.
 */
class HtmlReportIT {
    @TempDir
    Path dir;

    @Test
    void reportLoadsCleanlyInChromium() throws Exception {
        Path browser = requireChromium();
        Plan plan = Fixtures.plan(Map.of("mode", "2thread,2proc", "ipc", "pipe,local", "buffers", "32..4k",
                "trials", "5", "total", "1M"));
        Results before = ResultsReader.read(Fixtures.write(dir.resolve("before"), plan));
        Results after = ResultsReader.read(Fixtures.write(dir.resolve("after"), plan));
        Path out = dir.resolve("report");
        Path html = HtmlReport.write(List.of(before, after), out);
        int configurations = plan.configurations(false).size();

        // the chart files alongside: PNG signatures and well-formed SVG
        try (Stream<Path> charts = Files.list(out.resolve(HtmlReport.CHARTS))) {
            List<Path> files = charts.sorted().toList();
            assertThat(files).hasSize(4);
            for (Path f : files) {
                if (f.toString().endsWith(".png")) {
                    assertThat(Files.readAllBytes(f)).startsWith(0x89, 'P', 'N', 'G');
                } else {
                    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
                    // the SVG names the W3C DTD; being offline, do not fetch it
                    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                    xml.newDocumentBuilder().parse(f.toFile());
                }
            }
        }
        assertThat(Files.readString(html)).doesNotContain("http://", "https://");

        try (Chromium chromium = new Chromium(browser, dir.resolve("profile"))) {
            // control: the checks see a broken image and a console error
            Path bad = dir.resolve("bad.html");
            Files.writeString(bad, "<!DOCTYPE html><html><body><img src=\"missing.png\">"
                    + "<script>console.error('boom')</script></body></html>");
            chromium.load(bad);
            assertThat(chromium.errors()).anyMatch(e -> e.contains("boom"));
            assertThat(images(chromium)).anyMatch(i -> i.path("w").asInt() == 0);
            chromium.clearErrors();

            chromium.load(html);
            assertThat(chromium.errors()).as("console errors and failed loads").isEmpty();
            List<JsonNode> images = images(chromium);
            assertThat(images).hasSize(2);
            assertThat(images).allSatisfy(i -> {
                assertThat(i.path("complete").asBoolean()).isTrue();
                assertThat(i.path("w").asInt()).isEqualTo(Charts.WIDTH);
            });
            int rows = chromium.evaluate("document.querySelectorAll('table.summary tbody tr.config').length").asInt();
            assertThat(rows).isEqualTo(2 * configurations);
            assertThat(chromium.evaluate("document.querySelectorAll('table.machine').length").asInt()).isEqualTo(2);
            // the first screen of a 1400 x 900 window shows the first chart, not the machine tables
            assertThat(chromium.evaluate("document.images[0].getBoundingClientRect().top < 900").asBoolean()).isTrue();
            // no two rows of a machine table share a name
            assertThat(chromium.evaluate("[...document.querySelectorAll('table.machine')].every(t => {"
                    + " const n = [...t.querySelectorAll('th')].map(h => h.textContent); return new Set(n).size === n.length; })")
                    .asBoolean()).isTrue();
            chromium.screenshot(Path.of("target", "report-screenshot.png"));
        }
        assertThat(Path.of("target", "report-screenshot.png")).isNotEmptyFile();
    }

    /**
     * A real sweep of both descriptor tables at tiny sizes: the report draws the shared / private
     * ratio chart (1thread and 2proc pipe, whose tables differ), its image decodes in Chromium,
     * and its PNG and SVG are beside the page. A sweep of one table draws no such chart.
     */
    @Test
    void fdTableRatioChartOfARealSweep() throws Exception {
        Path browser = requireChromium();
        ipclab.cli.IpclabProcess.Result r = ipclab.cli.IpclabProcess.run("sweep", "--mode", "1thread,2proc", "--ipc",
                "pipe", "--buffers", "4k,64k", "--fd-table", "private,shared", "--trials", "3", "--warmup", "0",
                "--total", "1M", "--no-report", "--out", dir.resolve("fd").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Path folder;
        try (Stream<Path> s = Files.list(dir.resolve("fd"))) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path html = HtmlReport.write(List.of(ResultsReader.read(folder)), dir.resolve("fd-report"));
        String page = Files.readString(html);
        assertThat(page).contains("alt=\"Shared / private descriptor table: bandwidth ratio of medians\"");
        try (Stream<Path> s = Files.list(dir.resolve("fd-report").resolve(HtmlReport.CHARTS))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.matches("ratio-\\d\\d-shared-over-private-fd-table\\.svg"))
                    .anyMatch(n -> n.matches("ratio-\\d\\d-shared-over-private-fd-table\\.png"));
        }
        try (Chromium chromium = new Chromium(browser, dir.resolve("profile-fd"))) {
            chromium.load(html);
            assertThat(chromium.errors()).as("console errors and failed loads").isEmpty();
            JsonNode ratio = chromium.evaluate("[...document.images].filter(i => i.alt.startsWith('Shared / private'))"
                    + ".map(i => ({w: i.naturalWidth, complete: i.complete}))");
            assertThat(ratio.size()).isEqualTo(1);
            assertThat(ratio.get(0).path("complete").asBoolean()).isTrue();
            assertThat(ratio.get(0).path("w").asInt()).isEqualTo(Charts.WIDTH);
        }

        Plan one = Fixtures.plan(Map.of("mode", "1thread,2proc", "ipc", "pipe", "buffers", "4k", "trials", "3",
                "total", "1M"));
        Path plain = HtmlReport.write(List.of(ResultsReader.read(Fixtures.write(dir.resolve("one"), one))),
                dir.resolve("one-report"));
        assertThat(Files.readString(plain)).doesNotContain("Shared / private descriptor table");
    }

    @Test
    void probeEffectPageLoadsCleanlyInChromium() throws Exception {
        Path browser = requireChromium();
        double[] plain = {100, 101, 99, 100, 102, 98};
        double[] traced = {50, 51, 49, 52, 50, 48};
        List<ipclab.experiment.probe.TracerComparison> rows = List.of("bpftrace", "perf", "strace").stream()
                .map(t -> new ipclab.experiment.probe.TracerComparison(t, "kib_per_sec",
                        java.util.Arrays.stream(plain).boxed().toList(), java.util.Arrays.stream(traced).boxed().toList(),
                        ipclab.experiment.probe.RatioEstimate.of(plain, traced), 0.1, 64, 64, null))
                .toList();
        Path html = ProbeEffectReport.write(dir.resolve("probe"), "2thread pipe, buffer 4096 B", rows);
        try (Chromium chromium = new Chromium(browser, dir.resolve("profile-probe"))) {
            chromium.load(html);
            assertThat(chromium.errors()).as("console errors and failed loads").isEmpty();
            List<JsonNode> images = images(chromium);
            assertThat(images).hasSize(1);
            assertThat(images.getFirst().path("w").asInt()).isEqualTo(Charts.WIDTH);
            assertThat(chromium.evaluate("document.querySelectorAll('#tracers tr').length").asInt()).isEqualTo(4);
            chromium.screenshot(Path.of("target", "probe-effect-screenshot.png"));

            // a --plan study's index: every page linked, one combined chart across buffer sizes
            List<ipclab.experiment.lab.ProbeRow> pairs = new java.util.ArrayList<>();
            for (int size : new int[] {4096, 65536}) {
                for (String t : List.of("bpftrace-idle", "bpftrace")) {
                    for (int i = 0; i < 6; i++) {
                        pairs.add(new ipclab.experiment.lab.ProbeRow("2thread", "pipe", size, 1 << 20, t, i, plain[i],
                                t.endsWith("idle") ? plain[i] : traced[i], 0.1, 64, -1));
                    }
                }
            }
            Path index = ProbeEffectReport.writeIndex(dir.resolve("probe"), List.of("one", "two"),
                    List.of(html, html), pairs);
            chromium.load(index);
            assertThat(chromium.errors()).as("console errors and failed loads").isEmpty();
            assertThat(images(chromium)).singleElement().satisfies(i -> assertThat(i.path("w").asInt())
                    .isEqualTo(Charts.WIDTH));
            assertThat(chromium.evaluate("document.querySelectorAll('#pages a').length").asInt()).isEqualTo(2);
        }
    }

    /** Chromium, or the test fails (IPCLAB_REQUIRE_TOOLS=1, as on CI) or is skipped with the reason. */
    private static Path requireChromium() {
        Path browser = Chromium.find();
        if (browser == null) {
            if ("1".equals(System.getenv("IPCLAB_REQUIRE_TOOLS"))) {
                fail("chromium is not installed and IPCLAB_REQUIRE_TOOLS=1 (install Debian's chromium package)");
            }
            Assumptions.abort("chromium is not installed (/usr/bin/chromium); set IPCLAB_REQUIRE_TOOLS=1 to fail");
        }
        return browser;
    }

    private static List<JsonNode> images(Chromium chromium) throws Exception {
        JsonNode v = chromium.evaluate("[...document.images].map(i => ({w: i.naturalWidth, complete: i.complete}))");
        List<JsonNode> out = new java.util.ArrayList<>();
        v.forEach(out::add);
        return out;
    }
}
