package ipclab.report;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsException;
import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import ipclab.experiment.lab.ProbeRow;
import ipclab.experiment.lab.TracedRow;
import ipclab.experiment.probe.RatioEstimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of an {@code ipclab lab} folder, organised by the lab's questions: for each, the
 * figure that answers it, the data behind it, and what ipclab measured that explains it (calls per
 * MiB, switches per call, where a curve levels off against the pipe capacity and the caches). The
 * page opens offline; its charts are also under {@code charts/} as PNG and SVG.
 */
public final class LabReport {
    private LabReport() {}

    /** Writes report.html and charts/ into {@code folder}; returns the page. */
    public static Path write(Results results, List<TracedRow> traced, List<ProbeRow> probe, Path folder)
            throws ResultsException, IOException {
        List<Summary> summaries = Summary.of(results);
        List<Charts.Mark> marks = Charts.marks(results.machine());
        Path charts = folder.resolve(HtmlReport.CHARTS);
        Files.createDirectories(charts);
        Map<String, List<Charts.Chart>> figures = new LinkedHashMap<>();
        figures.put("q1", new ArrayList<>(Charts.render(summaries, marks)));
        if (!traced.isEmpty()) {
            figures.get("q1").add(LabCharts.render("System calls per MiB by buffer size (traced)", LabCharts.stem(1,
                    "calls-per-mib"), "read + write calls per MiB", tracedLines(traced, TracedRow::callsPerMib), true,
                    false, marks));
        }
        String socket = String.join(", ", mechanisms(true));
        String plain = String.join(", ", mechanisms(false));
        figures.put("q2", List.of(LabCharts.render(socket + " -s on / -s off: bandwidth ratio of medians",
                LabCharts.stem(2, "s-on-over-off"), RATIO_AXIS, ratioLines(results, true), false, true,
                marks), LabCharts.render(socket + " / " + plain + " (-s off): bandwidth ratio of medians",
                        LabCharts.stem(3, "socket-over-plain"), RATIO_AXIS, ratioLines(results, false), false,
                        true, marks)));
        figures.put("q3", probe.isEmpty() ? List.of() : List.of(LabCharts.render("Probe effect: traced / untraced"
                + " bandwidth, 2thread pipe", LabCharts.stem(4, "probe-effect"), "ratio (median of pairs, 95% CI)",
                probeLines(probe), false, true, marks)));
        List<Charts.Chart> q4 = new ArrayList<>();
        if (!traced.isEmpty()) {
            q4.add(LabCharts.render("Context switches per MiB by buffer size (traced)", LabCharts.stem(5,
                    "switches-per-mib"), "context switches per MiB", tracedLines(traced, TracedRow::switchesPerMib),
                    true, false, marks));
        }
        q4.add(LabCharts.render("2proc / 2thread: bandwidth ratio of medians", LabCharts.stem(6, "2proc-over-2thread"),
                RATIO_AXIS, modeRatioLines(results), false, true, marks));
        Charts.Chart fd = fdTableChart(List.of(results), LabCharts.stem(7, "shared-over-private-fd-table"), marks);
        if (fd != null) {
            q4.add(fd);
        }
        figures.put("q4", q4);
        for (List<Charts.Chart> list : figures.values()) {
            for (Charts.Chart c : list) {
                Files.write(charts.resolve(c.fileStem() + ".png"), c.png());
                Files.write(charts.resolve(c.fileStem() + ".svg"), c.svg());
            }
        }
        Path html = folder.resolve(HtmlReport.FILE);
        Files.writeString(html, LabPage.html(results, summaries, traced, probe, marks, figures), StandardCharsets.UTF_8);
        return html;
    }

    private static final String RATIO_AXIS = "ratio of medians (95% bootstrap CI)";

    /** What {@link #place} says of a configuration run with the shared descriptor table. */
    static final String SHARED = ", shared fd table";

    /**
     * The chart of shared over private descriptor table (1thread and 2proc; 2thread's threads
     * always share one) for the folders that swept {@code --fd-table private,shared}, with the
     * same bootstrap intervals as the other ratio plots; null when no folder has both tables.
     */
    public static Charts.Chart fdTableChart(List<Results> folders, String stem, List<Charts.Mark> marks)
            throws IOException {
        List<LabCharts.Line> lines = new ArrayList<>();
        for (Results r : folders) {
            Map<String, TreeMap<Integer, double[]>> m = values(r);
            for (String series : m.keySet()) {
                if (series.endsWith(SHARED)) {
                    String rest = series.substring(0, series.length() - SHARED.length());
                    LabCharts.Line l = bootstrapRatio((folders.size() > 1 ? r.label() + ": " : "") + rest,
                            m.get(series), m.get(rest), rest.contains("-s on"));
                    if (!l.points().isEmpty()) {
                        lines.add(l);
                    }
                }
            }
        }
        return lines.isEmpty() ? null : LabCharts.render("Shared / private descriptor table: bandwidth ratio of"
                + " medians", stem, RATIO_AXIS, lines, false, true, marks);
    }

    /** Measured bandwidths (KiB/s) by series name and buffer size. */
    static Map<String, TreeMap<Integer, double[]>> values(Results results) {
        Map<String, TreeMap<Integer, double[]>> out = new LinkedHashMap<>();
        Summary.values(results).forEach((k, v) -> {
            if (k.stream()) {
                out.computeIfAbsent(name(k), n -> new TreeMap<>()).put(k.bufferSizeBytes(), v);
            }
        });
        return out;
    }

    /** top / bottom at each size both have: the ratio of medians with its percentile-bootstrap interval. */
    static LabCharts.Line bootstrapRatio(String name, TreeMap<Integer, double[]> top, TreeMap<Integer, double[]> bottom,
            boolean dashed) {
        TreeMap<Integer, LabCharts.Point> points = new TreeMap<>();
        if (top != null && bottom != null) {
            top.forEach((size, v) -> {
                double[] b = bottom.get(size);
                if (b != null && b.length > 0 && v.length > 0) {
                    // seeded by the size, so that a report drawn twice draws the same intervals
                    var c = ipclab.experiment.Comparison.of(b, v, size, ipclab.workload.stream.StreamWorkload.BANDWIDTH);
                    points.put(size, new LabCharts.Point(c.ratio(), c.ratioCiLow(), c.ratioCiHigh()));
                }
            });
        }
        return new LabCharts.Line(name, dashed, points);
    }

    /** A series' name in the lab's words: {@code 2thread local -s on}. */
    static String name(ConfigKey k) {
        return k.series() + suffix(k.mechanism().name(), k.socketBuffers()) + place(k);
    }

    /**
     * Where a configuration ran and with which descriptor table, when it says: {@code , cpus 0,1},
     * {@code , shared fd table}; nothing for an unpinned run with the default table. Series of
     * different placements are different lines, as {@link Charts} draws them on different charts.
     */
    static String place(ConfigKey k) {
        return (k.cpus().isEmpty() ? "" : ", cpus " + k.cpusText()) + (k.sharedFdTable() ? SHARED : "");
    }

    /** The placements ({@link #place} without the descriptor table) of the folder's stream runs, in order. */
    static List<String> placements(Results results) {
        return Summary.values(results).keySet().stream().filter(ConfigKey::stream)
                .map(k -> k.cpus().isEmpty() ? "" : ", cpus " + k.cpusText()).distinct().toList();
    }

    static String name(TracedRow r) {
        return r.mode() + " " + r.ipc() + suffix(r.ipc(), r.socketBuffers());
    }

    /** " -s on", " -s off", or nothing for a mechanism that takes no -s. */
    static String suffix(String mechanism, boolean socketBuffers) {
        boolean takes = ipclab.ipc.Mechanisms.byName(mechanism).map(ipclab.experiment.lab.LabPlan::takesSocketBuffers)
                .orElse(socketBuffers);
        return !takes ? "" : socketBuffers ? " -s on" : " -s off";
    }

    /** The lab's mechanisms that take -s (sockets), and those that do not (the pipe). */
    static List<String> mechanisms(boolean takingSocketBuffers) {
        return ipclab.experiment.lab.LabPlan.mechanisms().stream()
                .filter(m -> ipclab.experiment.lab.LabPlan.takesSocketBuffers(m) == takingSocketBuffers)
                .map(ipclab.ipc.Mechanism::name).toList();
    }

    private static List<LabCharts.Line> tracedLines(List<TracedRow> rows,
            java.util.function.ToDoubleFunction<TracedRow> f) {
        Map<String, LabCharts.Line> lines = new LinkedHashMap<>();
        for (TracedRow r : rows) {
            lines.computeIfAbsent(name(r), n -> new LabCharts.Line(n, r.socketBuffers(), new TreeMap<>())).points()
                    .put(r.bufferSizeBytes(), LabCharts.Point.of(f.applyAsDouble(r)));
        }
        return List.copyOf(lines.values());
    }

    /** Medians by series name and buffer size. */
    static Map<String, TreeMap<Integer, Double>> medians(List<Summary> summaries) {
        Map<String, TreeMap<Integer, Double>> out = new LinkedHashMap<>();
        for (Summary s : summaries) {
            if (s.stats() != null && s.key().stream()) {
                out.computeIfAbsent(name(s.key()), n -> new TreeMap<>()).put(s.key().bufferSizeBytes(),
                        s.stats().median() / s.metric().shownPerStored());
            }
        }
        return out;
    }

    /**
     * Per mode, -s on over -s off of each socket ({@code socketBuffers}), or each socket (-s off)
     * over each mechanism that takes no -s.
     */
    private static List<LabCharts.Line> ratioLines(Results results, boolean socketBuffers) {
        Map<String, TreeMap<Integer, double[]>> m = values(results);
        List<LabCharts.Line> out = new ArrayList<>();
        for (String p : placements(results)) {
            for (ipclab.ipc.Mode mode : ipclab.ipc.Mode.values()) {
                for (String socket : mechanisms(true)) {
                    if (socketBuffers) {
                        out.add(bootstrapRatio(mode.label() + " " + socket + p, m.get(mode.label() + " " + socket
                                + " -s on" + p), m.get(mode.label() + " " + socket + " -s off" + p), false));
                        continue;
                    }
                    for (String plain : mechanisms(false)) {
                        out.add(bootstrapRatio(mode.label() + " " + socket + " / " + plain + p, m.get(mode.label()
                                + " " + socket + " -s off" + p), m.get(mode.label() + " " + plain + p), false));
                    }
                }
            }
        }
        return out.stream().filter(l -> !l.points().isEmpty()).toList();
    }

    private static List<LabCharts.Line> modeRatioLines(Results results) {
        Map<String, TreeMap<Integer, double[]>> m = values(results);
        List<LabCharts.Line> out = new ArrayList<>();
        for (String series : m.keySet()) {
            if (series.startsWith("2proc ")) {
                String rest = series.substring("2proc ".length());
                out.add(bootstrapRatio(rest, m.get(series), m.get("2thread " + rest), rest.endsWith("-s on")));
            }
        }
        return out.stream().filter(l -> !l.points().isEmpty()).toList();
    }

    static LabCharts.Line ratio(String name, TreeMap<Integer, Double> top, TreeMap<Integer, Double> bottom,
            boolean dashed) {
        TreeMap<Integer, LabCharts.Point> points = new TreeMap<>();
        if (top != null && bottom != null) {
            top.forEach((size, v) -> {
                Double b = bottom.get(size);
                if (b != null && b > 0) {
                    points.put(size, LabCharts.Point.of(v / b));
                }
            });
        }
        return new LabCharts.Line(name, dashed, points);
    }

    /** Each tracer's ratio estimate by buffer size, in the order the tracers were studied. */
    static Map<String, TreeMap<Integer, RatioEstimate>> estimates(List<ProbeRow> rows) {
        Map<String, TreeMap<Integer, List<ProbeRow>>> by = new LinkedHashMap<>();
        for (ProbeRow r : rows) {
            by.computeIfAbsent(r.tracer(), t -> new TreeMap<>()).computeIfAbsent(r.bufferSizeBytes(),
                    s -> new ArrayList<>()).add(r);
        }
        Map<String, TreeMap<Integer, RatioEstimate>> out = new LinkedHashMap<>();
        by.forEach((tracer, sizes) -> sizes.forEach((size, pairs) -> out.computeIfAbsent(tracer, t -> new TreeMap<>())
                .put(size, RatioEstimate.of(pairs.stream().mapToDouble(ProbeRow::untracedKibPerSec).toArray(),
                        pairs.stream().mapToDouble(ProbeRow::tracedKibPerSec).toArray()))));
        return out;
    }

    private static List<LabCharts.Line> probeLines(List<ProbeRow> rows) {
        List<LabCharts.Line> out = new ArrayList<>();
        estimates(rows).forEach((tracer, sizes) -> {
            TreeMap<Integer, LabCharts.Point> points = new TreeMap<>();
            sizes.forEach((size, e) -> points.put(size, new LabCharts.Point(e.medianRatio(), e.ciLow(), e.ciHigh())));
            out.add(new LabCharts.Line(tracer, tracer.endsWith("-idle"), points));
        });
        return out;
    }

    /**
     * Where a line of medians levels off: the smallest size whose median is within 10% of the
     * line's peak (robust to the noise of single sizes, which a gain-per-doubling rule is not).
     */
    static int levelsOff(TreeMap<Integer, Double> line) {
        double peak = line.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (var e : line.entrySet()) {
            if (e.getValue() >= 0.9 * peak) {
                return e.getKey();
            }
        }
        return line.isEmpty() ? 0 : line.lastKey();
    }

    /** The mark nearest {@code bytes}, within a factor of two, in words ("the pipe capacity, 64 KiB"), or "". */
    static String nearestMark(int bytes, List<Charts.Mark> marks) {
        Charts.Mark best = null;
        for (Charts.Mark m : marks) {
            double distance = Math.abs(Math.log((double) m.bytes() / bytes) / Math.log(2));
            if (distance <= 1 && (best == null || distance < Math.abs(Math.log((double) best.bytes() / bytes)
                    / Math.log(2)))) {
                best = m;
            }
        }
        return best == null ? "" : best.label() + " (" + Sizes.format(best.bytes()) + ")";
    }

    static String png(Charts.Chart c) {
        return Base64.getEncoder().encodeToString(c.png());
    }

    static String f(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    static String mib(double v) {
        return SummaryFormat.shown(ipclab.workload.stream.StreamWorkload.BANDWIDTH, v);
    }

    static Stats stats(List<Summary> summaries, String series, int size) {
        return summaries.stream().filter(s -> s.key().stream() && name(s.key()).equals(series)
                && s.key().bufferSizeBytes() == size).map(Summary::stats).findFirst().orElse(null);
    }
}
