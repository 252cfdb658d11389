package ipclab.report;

import ipclab.experiment.probe.ProbeEffectStudy;
import ipclab.experiment.probe.RatioEstimate;
import ipclab.experiment.probe.TracerComparison;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A probe-effect study as a page that opens offline: per tracer, the median traced/untraced
 * bandwidth ratio with its 95% interval (a chart, PNG embedded and SVG beside it), and the table
 * of pairs, interval, Mann-Whitney p and attach time. A ratio of 1 means the tracer cost nothing.
 */
public final class ProbeEffectReport {
    public static final String HTML = "probe-effect.html";
    public static final String PNG = "probe-effect.png";
    public static final String SVG = "probe-effect.svg";

    private ProbeEffectReport() {}

    /** Writes the page and the chart files into {@code dir}; returns the page. */
    public static Path write(Path dir, String configuration, List<TracerComparison> rows) throws IOException {
        return write(dir, configuration, rows, java.util.Map.of());
    }

    /** As {@link #write(Path, String, List)}, with the machine's description in a table. */
    public static Path write(Path dir, String configuration, List<TracerComparison> rows,
            java.util.Map<String, Object> machine) throws IOException {
        Files.createDirectories(dir);
        CategoryChart chart = chart(configuration, rows);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Files.write(dir.resolve(PNG), png);
        Files.write(dir.resolve(SVG), svg.toByteArray());
        Path html = dir.resolve(HTML);
        Files.writeString(html, html(configuration, rows, png, machine), StandardCharsets.UTF_8);
        return html;
    }

    static CategoryChart chart(String configuration, List<TracerComparison> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Probe effect: " + configuration).xAxisTitle("tracer")
                .yAxisTitle("traced / untraced " + quantity(rows) + " (median of pairs, 95% CI)").build();
        // Overlapped: the median and its interval line up over their tracer, not side by side.
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0).setChartBackgroundColor(java.awt.Color.WHITE)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        // seven tracer names side by side overlapped at 760 px: rotated, they do not
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> tracers = rows.stream().map(TracerComparison::tracer).toList();
        series(chart, "no effect (1.0)", tracers, rows.stream().map(r -> 1.0).toList(),
                CategorySeries.CategorySeriesRenderStyle.Line, SeriesMarkers.NONE);
        // The interval as a whisker: XChart's error bars are symmetric, so a hidden series centred
        // on the interval carries half its width (as Charts does for the sweep's medians).
        CategorySeries ci = chart.addSeries("95% CI of the median", tracers,
                rows.stream().map(r -> (r.estimate().ciLow() + r.estimate().ciHigh()) / 2).toList(),
                rows.stream().map(r -> (r.estimate().ciHigh() - r.estimate().ciLow()) / 2).toList());
        ci.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        ci.setMarker(SeriesMarkers.NONE);
        ci.setMarkerColor(new java.awt.Color(0x1f77b4));
        ci.setLineColor(new java.awt.Color(0x1f77b4));
        series(chart, "median ratio", tracers, rows.stream().map(r -> r.estimate().medianRatio()).toList(),
                CategorySeries.CategorySeriesRenderStyle.Scatter, SeriesMarkers.CIRCLE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    private static void series(CategoryChart chart, String name, List<String> x, List<Double> y,
            CategorySeries.CategorySeriesRenderStyle style, org.knowm.xchart.style.markers.Marker marker) {
        CategorySeries s = chart.addSeries(name, x, y);
        s.setChartCategorySeriesRenderStyle(style);
        s.setMarker(marker);
    }

    public static final String INDEX = "index.html";

    /**
     * The index of a {@code --plan} study: a link to each configuration's page and one combined
     * chart, the ratio by buffer size per tracer (and per mode and IPC type where they vary), with
     * the whiskers of each interval.
     */
    public static Path writeIndex(Path dir, List<String> titles, List<Path> pages,
            List<ipclab.experiment.lab.ProbeRow> rows) throws IOException {
        Files.createDirectories(dir);
        boolean several = rows.stream().map(r -> r.mode() + " " + r.ipc()).distinct().count() > 1;
        java.util.Map<String, java.util.TreeMap<Integer, LabCharts.Point>> lines = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<ipclab.experiment.lab.ProbeRow>> groups = new java.util.LinkedHashMap<>();
        for (var r : rows) {
            String name = r.tracer() + (several ? " " + r.mode() + " " + r.ipc() : "");
            groups.computeIfAbsent(name + "\u0000" + r.bufferSizeBytes(), k -> new java.util.ArrayList<>()).add(r);
        }
        groups.forEach((k, pairs) -> {
            RatioEstimate e = RatioEstimate.of(pairs.stream().mapToDouble(ipclab.experiment.lab.ProbeRow::untracedKibPerSec)
                    .toArray(), pairs.stream().mapToDouble(ipclab.experiment.lab.ProbeRow::tracedKibPerSec).toArray());
            lines.computeIfAbsent(k.substring(0, k.indexOf('\u0000')), n -> new java.util.TreeMap<>())
                    .put(pairs.getFirst().bufferSizeBytes(), new LabCharts.Point(e.medianRatio(), e.ciLow(), e.ciHigh()));
        });
        List<LabCharts.Line> chartLines = lines.entrySet().stream()
                .map(e -> new LabCharts.Line(e.getKey(), e.getKey().startsWith("bpftrace-idle"), e.getValue())).toList();
        Charts.Chart chart = LabCharts.render("Probe effect by buffer size: traced / untraced bandwidth", "probe-effect-index",
                "ratio (median of pairs, 95% CI)", chartLines, false, true, List.of());
        Files.write(dir.resolve("probe-effect-index.png"), chart.png());
        Files.write(dir.resolve("probe-effect-index.svg"), chart.svg());
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ipclab probe effect: index</title><style>body{font-family:sans-serif;margin:2em}")
                .append("</style></head><body>\n<h1>Probe effect: ").append(pages.size()).append(" configurations</h1>\n")
                .append("<img id=\"chart\" alt=\"probe effect by buffer size\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chart.png())).append("\"> <a href=\"probe-effect-index.svg\">SVG</a>,")
                .append(" <a href=\"probe-effect-index.png\">PNG</a>\n<ul id=\"pages\">\n");
        for (int i = 0; i < pages.size(); i++) {
            b.append("<li><a href=\"").append(HtmlReport.esc(dir.relativize(pages.get(i)).toString())).append("\">")
                    .append(HtmlReport.esc(titles.get(i))).append("</a></li>\n");
        }
        Path index = dir.resolve(INDEX);
        Files.writeString(index, b.append("</ul>\n</body></html>\n").toString(), StandardCharsets.UTF_8);
        return index;
    }

    /** A count the tracer made of its last traced run: read+write calls, or context switches; "-" for none. */
    private static String counted(TracerComparison r, boolean calls) {
        var v = r.view();
        if (v == null) {
            return "-";
        }
        if (calls) {
            return v.syscalls().isEmpty() ? "-" : String.valueOf(v.calls("read") + v.calls("write"));
        }
        List<Long> switches = v.threads().stream().map(ipclab.trace.ThreadSched::contextSwitches)
                .filter(java.util.Objects::nonNull).toList();
        if (!switches.isEmpty()) {
            return String.valueOf(switches.stream().mapToLong(Long::longValue).sum());
        }
        Long e = v.events().get("context-switches");
        return e == null ? "-" : e.toString();
    }

    /** The metric the rows compare (bandwidth unless a study of round trips). */
    private static ipclab.model.Metric metric(TracerComparison r) {
        return ipclab.bench.Workloads.metric(r.metric()).orElse(ipclab.workload.stream.StreamWorkload.BANDWIDTH);
    }

    private static String quantity(List<TracerComparison> rows) {
        return rows.isEmpty() || metric(rows.getFirst()).higherIsBetter() ? "bandwidth" : "median round trip";
    }

    private static String unit(List<TracerComparison> rows) {
        return rows.isEmpty() ? "MiB/s" : (metric(rows.getFirst()).higherIsBetter() ? "" : "p50 ")
                + metric(rows.getFirst()).shownUnit();
    }

    static String html(String configuration, List<TracerComparison> rows, byte[] png) {
        return html(configuration, rows, png, java.util.Map.of());
    }

    static String html(String configuration, List<TracerComparison> rows, byte[] png,
            java.util.Map<String, Object> machine) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ipclab probe effect</title><style>body{font-family:sans-serif;margin:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;")
                .append("text-align:right}th{background:#eee}th.l,td.l{text-align:left}.warn{color:#a40}</style></head><body>\n")
                .append("<h1>Probe effect</h1>\n<p>").append(HtmlReport.esc(configuration))
                .append(": interleaved pairs of runs, one untraced and one traced, order alternating. Ratio is")
                .append(" traced/untraced ").append(quantity(rows)).append("; the interval is a distribution-free 95%")
                .append(" interval of the median ratio; p is a two-sided Mann-Whitney U test of the two sets of runs.</p>\n")
                .append("<img id=\"chart\" alt=\"probe effect chart\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"> <a href=\"").append(SVG)
                .append("\">SVG</a>, <a href=\"").append(PNG).append("\">PNG</a>\n<table id=\"tracers\"><tr><th>tracer</th><th>pairs</th>")
                .append("<th>untraced ").append(unit(rows)).append(" (median)</th><th>traced ").append(unit(rows))
                .append(" (median)</th><th>ratio</th>")
                .append("<th>95% CI</th><th>p (MWU)</th><th>attach s</th><th>read+write calls it counted</th>")
                .append("<th>context switches it counted</th></tr>\n");
        for (TracerComparison r : rows) {
            RatioEstimate e = r.estimate();
            b.append("<tr><td>").append(HtmlReport.esc(r.tracer())).append("</td><td>").append(e.pairs())
                    .append("</td><td>").append(SummaryFormat.shown(metric(r), ProbeEffectStudy.median(r.untraced())))
                    .append("</td><td>").append(SummaryFormat.shown(metric(r), ProbeEffectStudy.median(r.traced())))
                    .append("</td><td>").append(format("%.3f", e.medianRatio()))
                    .append("</td><td>").append(format("%.3f..%.3f", e.ciLow(), e.ciHigh()))
                    .append(e.ciCoverage() < 0.95 ? format(" <span class=\"warn\">(CI covers %.0f%%: too few pairs)</span>",
                            100 * e.ciCoverage()) : "")
                    .append("</td><td>").append(format("%.4f", e.mannWhitneyP()))
                    .append("</td><td>").append(format("%.3f", r.medianAttachSeconds())).append("</td><td>")
                    .append(counted(r, true)).append("</td><td>").append(counted(r, false)).append("</td></tr>\n");
        }
        b.append("</table>\n<p>What each tracer counted is of its last traced run (the benchmark itself counted ")
                .append(rows.getFirst().benchmarkReads()).append(" reads and ").append(rows.getFirst().benchmarkWrites())
                .append(" writes); - where it counts nothing of that kind.</p>\n");
        if (!machine.isEmpty()) {
            b.append("<h2>Machine</h2>\n<table id=\"machine\">\n");
            machine.forEach((k, v) -> {
                if (!(v instanceof java.util.Map)) {
                    b.append("<tr><th class=\"l\">").append(HtmlReport.esc(k.replace('_', ' '))).append("</th><td class=\"l\">")
                            .append(HtmlReport.esc(String.valueOf(v))).append("</td></tr>\n");
                }
            });
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

}
