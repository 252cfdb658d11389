package ipclab.report;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Results;
import ipclab.experiment.Sizes;
import ipclab.experiment.TrialRecord;
import ipclab.workload.latency.LatencyHistogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The latency workload's charts, from each configuration's merged histogram (every measured
 * trial's round trips together: percentiles of trials cannot be averaged, histograms can be
 * added). Per variant: the 99th percentile against message size, one line per mode and
 * mechanism; and per message size the whole distribution, HdrHistogram style: round-trip time
 * against percentile on a 1/(1-p) axis, so that 90%, 99%, 99.9% are equally far apart and the
 * tail is as visible as the median.
 */
public final class LatencyCharts {
    private LatencyCharts() {}

    /** A configuration's round trips: the merged histogram of its measured trials. */
    record Merged(String source, ConfigKey key, Histogram histogram) {}

    static List<Merged> merged(List<Results> folders) {
        List<Merged> out = new ArrayList<>();
        boolean several = folders.size() > 1;
        for (Results r : folders) {
            Map<ConfigKey, Histogram> byKey = new TreeMap<>();
            for (TrialRecord t : r.trials()) {
                if (!t.warmup() && !t.failed() && t.histogram() != null) {
                    Histogram h = LatencyHistogram.decode(t.histogram());
                    byKey.computeIfAbsent(t.key(), k -> LatencyHistogram.create()).add(h);
                }
            }
            byKey.forEach((k, h) -> out.add(new Merged(several ? r.label() : "", k, h)));
        }
        return out;
    }

    /** The charts, numbered on from {@code first} in their file names; none for a folder without latency trials. */
    public static List<Charts.Chart> render(List<Results> folders, int first) throws IOException {
        List<Merged> all = merged(folders);
        Map<String, Color> colours = new LinkedHashMap<>();
        List<Charts.Chart> charts = new ArrayList<>();
        Map<String, List<Merged>> byVariant = new LinkedHashMap<>();
        all.forEach(m -> byVariant.computeIfAbsent(m.key().variant(), v -> new ArrayList<>()).add(m));
        for (var e : byVariant.entrySet()) {
            String title = "Round trip, 99th percentile, by message size, " + e.getKey();
            charts.add(chart(title, String.format(Locale.ROOT, "latency-p99-%02d-%s", first + charts.size(),
                    stem(e.getKey())), p99(title, e.getValue(), colours)));
            Map<Integer, List<Merged>> bySize = new TreeMap<>();
            e.getValue().forEach(m -> bySize.computeIfAbsent(m.key().bufferSizeBytes(), s -> new ArrayList<>()).add(m));
            for (var s : bySize.entrySet()) {
                String dTitle = "Round-trip distribution, " + Sizes.format(s.getKey()) + " messages, " + e.getKey();
                charts.add(chart(dTitle, String.format(Locale.ROOT, "latency-distribution-%02d-%s-%s",
                        first + charts.size(), stem(e.getKey()), stem(Sizes.format(s.getKey()))),
                        distribution(dTitle, s.getValue(), colours)));
            }
        }
        return charts;
    }

    private static Charts.Chart chart(String title, String stem, XYChart chart) throws IOException {
        return new Charts.Chart(title, stem, Charts.png(chart), Charts.svg(chart));
    }

    private static String stem(String text) {
        return text.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String name(Merged m) {
        return (m.source().isEmpty() ? "" : m.source() + ": ") + m.key().series();
    }

    private static XYChart p99(String title, List<Merged> points, Map<String, Color> colours) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("message size (log2 scale)").yAxisTitle("round trip p99, us (all trials merged)").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.setCustomXAxisTickLabelsFormatter(x -> Sizes.format(Math.round(Math.pow(2, x))));
        Map<String, List<Merged>> lines = new LinkedHashMap<>();
        points.forEach(m -> lines.computeIfAbsent(name(m), n -> new ArrayList<>()).add(m));
        for (var e : lines.entrySet()) {
            List<Merged> line = e.getValue().stream()
                    .sorted(java.util.Comparator.comparingInt(m -> m.key().bufferSizeBytes())).toList();
            double[] x = line.stream().mapToDouble(m -> Math.log(m.key().bufferSizeBytes()) / Math.log(2)).toArray();
            double[] y = line.stream().mapToDouble(m -> m.histogram().getValueAtPercentile(99) / 1000.0).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            Color c = Charts.colour(colours, e.getKey());
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(1.6f));
        }
        return chart;
    }

    /** The axis position of percentile {@code p}: log10 of 1/(1-p), so 90% is 1, 99% 2, 99.9% 3. */
    static double position(double percentile) {
        double rest = 1 - percentile / 100;
        return rest <= 0 ? 7 : Math.min(7, Math.log10(1 / rest));
    }

    private static XYChart distribution(String title, List<Merged> lines, Map<String, Color> colours) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("percentile (1/(1-p) scale)").yAxisTitle("round trip, us (log scale)").build();
        Charts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            if (Math.abs(x - Math.rint(x)) > 0.05) {
                return ""; // the nines only: 0%, 90%, 99%, 99.9%...
            }
            double p = 100 * (1 - Math.pow(10, -Math.rint(x)));
            return p < 99 ? String.format(Locale.ROOT, "%.0f%%", p) : new java.math.BigDecimal(p)
                    .round(new java.math.MathContext((int) Math.rint(x) + 1)).stripTrailingZeros().toPlainString() + "%";
        });
        for (Merged m : lines) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : m.histogram().percentiles(5)) {
                if (v.getPercentileLevelIteratedTo() >= 100) {
                    break;
                }
                x.add(position(v.getPercentileLevelIteratedTo()));
                y.add(Math.max(0.001, v.getValueIteratedTo() / 1000.0));
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(name(m), x, y);
            Color c = Charts.colour(colours, name(m));
            s.setLineColor(c);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.6f));
        }
        return chart;
    }
}
