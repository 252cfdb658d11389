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
        Files.createDirectories(dir);
        CategoryChart chart = chart(configuration, rows);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Files.write(dir.resolve(PNG), png);
        Files.write(dir.resolve(SVG), svg.toByteArray());
        Path html = dir.resolve(HTML);
        Files.writeString(html, html(configuration, rows, png), StandardCharsets.UTF_8);
        return html;
    }

    static CategoryChart chart(String configuration, List<TracerComparison> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Probe effect: " + configuration).xAxisTitle("tracer")
                .yAxisTitle("traced / untraced bandwidth (median of pairs, 95% CI)").build();
        // Overlapped: the median and its interval line up over their tracer, not side by side.
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0).setChartBackgroundColor(java.awt.Color.WHITE)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        List<String> tracers = rows.stream().map(TracerComparison::tracer).toList();
        series(chart, "no effect (1.0)", tracers, rows.stream().map(r -> 1.0).toList(),
                CategorySeries.CategorySeriesRenderStyle.Line, SeriesMarkers.NONE);
        series(chart, "95% CI high", tracers, rows.stream().map(r -> r.estimate().ciHigh()).toList(),
                CategorySeries.CategorySeriesRenderStyle.Scatter, SeriesMarkers.TRIANGLE_DOWN);
        series(chart, "median ratio", tracers, rows.stream().map(r -> r.estimate().medianRatio()).toList(),
                CategorySeries.CategorySeriesRenderStyle.Scatter, SeriesMarkers.CIRCLE);
        series(chart, "95% CI low", tracers, rows.stream().map(r -> r.estimate().ciLow()).toList(),
                CategorySeries.CategorySeriesRenderStyle.Scatter, SeriesMarkers.TRIANGLE_UP);
        return chart;
    }

    private static void series(CategoryChart chart, String name, List<String> x, List<Double> y,
            CategorySeries.CategorySeriesRenderStyle style, org.knowm.xchart.style.markers.Marker marker) {
        CategorySeries s = chart.addSeries(name, x, y);
        s.setChartCategorySeriesRenderStyle(style);
        s.setMarker(marker);
    }

    static String html(String configuration, List<TracerComparison> rows, byte[] png) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ipclab probe effect</title><style>body{font-family:sans-serif;margin:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;")
                .append("text-align:right}th{background:#eee}</style></head><body>\n")
                .append("<h1>Probe effect</h1>\n<p>").append(HtmlReport.esc(configuration))
                .append(": interleaved pairs of runs, one untraced and one traced, order alternating. Ratio is")
                .append(" traced/untraced bandwidth; the interval is a distribution-free 95% interval of the")
                .append(" median ratio; p is a two-sided Mann-Whitney U test of the two sets of bandwidths.</p>\n")
                .append("<img id=\"chart\" alt=\"probe effect chart\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"> <a href=\"").append(SVG)
                .append("\">SVG</a>\n<table id=\"tracers\"><tr><th>tracer</th><th>pairs</th>")
                .append("<th>untraced MiB/s (median)</th><th>traced MiB/s (median)</th><th>ratio</th>")
                .append("<th>95% CI</th><th>p (MWU)</th><th>attach s</th></tr>\n");
        for (TracerComparison r : rows) {
            RatioEstimate e = r.estimate();
            b.append("<tr><td>").append(HtmlReport.esc(r.tracer())).append("</td><td>").append(e.pairs())
                    .append("</td><td>").append(SummaryFormat.mib(ProbeEffectStudy.median(r.untracedKibPerSec())))
                    .append("</td><td>").append(SummaryFormat.mib(ProbeEffectStudy.median(r.tracedKibPerSec())))
                    .append("</td><td>").append(format("%.3f", e.medianRatio()))
                    .append("</td><td>").append(format("%.3f..%.3f", e.ciLow(), e.ciHigh()))
                    .append("</td><td>").append(format("%.4f", e.mannWhitneyP()))
                    .append("</td><td>").append(format("%.3f", r.medianAttachSeconds())).append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

}
