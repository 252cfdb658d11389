package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ipclab.ipc.Grants;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Metric;
import ipclab.model.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The end of a single run: the -n summary line, its -j object, and the too-short warning for stream. */
class RunSummaryTest {
    private static final Locale DEFAULT = Locale.getDefault();
    private static final long TOTAL = 16L << 20;

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(DEFAULT);
    }

    /** A stream sample of 16 MiB whose timed region lasted {@code nanos}. */
    private static Sample sample(int iteration, long nanos) {
        BenchConfig c = new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("pipe"), 131072, TOTAL, 10141, false, 0,
                true, List.of());
        return new Sample(c, iteration, false, nanos, TOTAL, 256, 128, 0, Grants.NONE, null, "none", "h", null);
    }

    private static List<Sample> runs(long... nanos) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            out.add(sample(i, nanos[i]));
        }
        return out;
    }

    private record Printed(String out, String err) {}

    private static Printed end(List<Sample> samples, boolean json, boolean quiet) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RunSummary.end(samples, json, quiet, new PrintWriter(out), new PrintWriter(err));
        return new Printed(out.toString(), err.toString());
    }

    @Test
    void severalRunsEndWithTheirMedianRangeAndCv() {
        Locale.setDefault(Locale.GERMANY);
        // 16 MiB in 100, 200 and 400 ms: 160, 80 and 40 MiB/s
        Printed p = end(runs(100_000_000, 200_000_000, 400_000_000), false, false);
        assertThat(p.out()).isEqualTo("summary of 3 runs: median 80.00 MiB/s, min..max 40.00..160.00 MiB/s, CV 65.5%\n");
        assertThat(p.err()).isEmpty();
        // one run is ipc-static's one line: nothing after it
        assertThat(end(runs(100_000_000), false, false)).isEqualTo(new Printed("", ""));
        // -q prints nothing; -j leaves the summary to the document
        assertThat(end(runs(100_000_000, 200_000_000), false, true)).isEqualTo(new Printed("", ""));
        assertThat(end(runs(100_000_000, 200_000_000), true, false)).isEqualTo(new Printed("", ""));
        // a run that failed ended the invocation: no summary of what is left
        List<Sample> failed = runs(100_000_000);
        failed.add(Sample.failure(failed.getFirst().config(), 1, "write: Broken pipe (EPIPE)"));
        assertThat(end(failed, false, false)).isEqualTo(new Printed("", ""));
    }

    @Test
    void theLineFollowsTheMetricLowerIsBetterToo() {
        Metric roundTrip = new Metric("rtt_p50_ns", "ns", Metric.Direction.LOWER_IS_BETTER, "round trip", "us", 1000,
                s -> 0);
        assertThat(RunSummary.line(roundTrip, new double[] {12_000, 10_000, 11_000, 30_000}))
                .isEqualTo("summary of 4 runs: median 11.50 us, min..max 10.00..30.00 us, CV 60.5%");
        Map<String, Object> json = RunSummary.summary(roundTrip, new double[] {12_000, 10_000, 11_000},
                new double[] {5, 7, 6});
        assertThat(json).containsEntry("metric", "rtt_p50_ns").containsEntry("unit", "ns").containsEntry("median",
                11_000.0).containsEntry("min", 10_000.0).containsEntry("max", 12_000.0).containsEntry(
                "median_elapsed_ns", 6L);
        assertThat((Double) json.get("cv")).isCloseTo(1000.0 / 11_000, within(1e-12));
    }

    @Test
    void theDocumentGetsASummaryOnlyForSeveralGoodRuns() {
        Map<String, Object> doc = RunSummary.withSummary(new java.util.LinkedHashMap<>(Map.of("format", "x")),
                runs(100_000_000, 300_000_000));
        assertThat(doc).containsKey("summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) doc.get("summary");
        assertThat(s).containsEntry("runs", 2).containsEntry("metric", "kib_per_sec").containsEntry("unit", "KiB/s")
                .containsEntry("median_elapsed_ns", 200_000_000L);
        assertThat(RunSummary.withSummary(new java.util.LinkedHashMap<>(), runs(100_000_000))).isEmpty();
    }

    @Test
    void aShortStreamRunSaysByHowMuchTShouldGrow() {
        // ipc-static's default 16 MiB in 4 ms: 200 MiB would last 50 ms; 256m is the next size people type
        Printed p = end(runs(4_000_000), false, false);
        assertThat(p.out()).isEmpty();
        assertThat(p.err()).isEqualTo("ipclab: the timed region lasted 4.0 ms, under 50 ms: too short to trust (a"
                + " wake-up or a page fault weighs in it); grow -t about 16x, to -t 256m or more\n");
        // the median of several runs decides, and says so
        assertThat(end(runs(4_000_000, 60_000_000, 5_000_000), false, false).err())
                .contains("lasted 5.0 ms (median of 3 runs)", "-t 256m");
        assertThat(end(runs(4_000_000), true, false).err()).contains("too short to trust");
        assertThat(end(runs(4_000_000), false, true).err()).isEmpty();
        // 50 ms and more is long enough
        assertThat(end(runs(50_000_000), false, false).err()).isEmpty();
    }

    @Test
    void theSuggestedTotalIsAMultipleOfTheBuffer() {
        assertThat(RunSummary.suggestedTotal(4_000_000, TOTAL, 131072)).isEqualTo(256L << 20);
        assertThat(RunSummary.suggestedTotal(25_000_000, TOTAL, 131072)).isEqualTo(32L << 20);
        // a buffer that no power of two is a multiple of: rounded up to a multiple of it
        long odd = RunSummary.suggestedTotal(10_000_000, 3000 * 100, 3000);
        assertThat(odd % 3000).isZero();
        assertThat(odd).isEqualTo(1_500_000);
        assertThat(RunSummary.size(256L << 20)).isEqualTo("256m");
        assertThat(RunSummary.size(2L << 30)).isEqualTo("2g");
        assertThat(RunSummary.size(96 << 10)).isEqualTo("96k");
        assertThat(RunSummary.size(1_500_000)).isEqualTo("1500000");
        assertThat(RunSummary.tooShort(0, 1, TOTAL, 4096)).isNull();
    }
}
