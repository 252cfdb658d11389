package ipclab.report;

import ipclab.experiment.ConfigKey;

import ipclab.model.Metric;

import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Bandwidth against buffer size, made with XChart: one chart per variant (-s off, -s on, a pipe
 * size, a placement), one line per results folder, mode and IPC type through the medians, with
 * the 95% interval of each median as an error bar. The x axis is log2 of the buffer size, labelled
 * in bytes; the y axis is in the metric's unit (MiB/s for bandwidth), logarithmic when the values span a factor of ten or more. A
 * series keeps its colour on every chart.
 *
 * <p>XChart draws symmetric error bars only, and the median's interval is not symmetric; each
 * line therefore has a companion series, not drawn and not in the legend, centred on the
 * interval with half its width as the bar, so the bar spans exactly [low, high].
 */
public final class Charts {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 480;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
        new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Renders a throw-away chart, so that AWT's one-time start (fonts, rendering pipeline) can
     * overlap with reading the results in another thread.
     */
    public static void warmUp() {
        try {
            XYChart chart = new XYChartBuilder().width(100).height(80).title("warm-up").build();
            chart.addSeries("a", new double[] {1, 2}, new double[] {1, 2});
            png(chart);
            svg(chart);
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the real chart will report any problem
        }
    }

    /** A chart with its title, as PNG and SVG bytes. */
    public record Chart(String title, String fileStem, byte[] png, byte[] svg) {}

    /**
     * One chart per variant of {@code summaries}, in the order variants first appear; the -s off
     * and -s on charts of otherwise equal variants come next to each other.
     */
    public static List<Chart> render(List<Summary> summaries) throws IOException {
        Map<String, Color> colours = new LinkedHashMap<>();
        boolean several = summaries.stream().map(Summary::source).distinct().count() > 1;
        Map<String, List<Summary>> byVariant = new LinkedHashMap<>();
        summaries.stream()
                .sorted(java.util.Comparator.comparing((Summary s) -> variantOrder(s.key().variant())))
                .forEach(s -> byVariant.computeIfAbsent(s.key().variant(), v -> new ArrayList<>()).add(s));
        List<String> titles = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        List<XYChart> built = new ArrayList<>();
        for (var e : byVariant.entrySet()) {
            Metric m = metric(e.getValue());
            ConfigKey first = e.getValue().getFirst().key();
            String title = Character.toUpperCase(m.quantity().charAt(0)) + m.quantity().substring(1) + " by "
                    + first.sizeName() + " size, " + e.getKey();
            titles.add(title);
            built.add(chart(title, e.getValue(), several, colours));
            stems.add(String.format(Locale.ROOT, "%s-%02d-%s", first.stream() ? "bandwidth" : "latency", built.size(),
                    e.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "")));
        }
        // Encoding dominates: each chart's PNG and SVG are independent, so they are made in parallel.
        byte[][] pngs = new byte[built.size()][];
        byte[][] svgs = new byte[built.size()][];
        try {
            java.util.stream.IntStream.range(0, 2 * built.size()).parallel().forEach(i -> {
                try {
                    if (i % 2 == 0) {
                        pngs[i / 2] = png(built.get(i / 2));
                    } else {
                        svgs[i / 2] = svg(built.get(i / 2));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        List<Chart> charts = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            charts.add(new Chart(titles.get(i), stems.get(i), pngs[i], svgs[i]));
        }
        return charts;
    }

    /** What a chart's points are: its summaries' metric (one chart, one metric). */
    private static Metric metric(List<Summary> summaries) {
        return summaries.isEmpty() ? ipclab.workload.stream.StreamWorkload.BANDWIDTH : summaries.getFirst().metric();
    }

    /** -s off before -s on of the same remainder, so they sit side by side. */
    private static String variantOrder(String variant) {
        String rest = variant.replaceFirst("^-s (off|on)", "");
        return rest + (variant.startsWith("-s on") ? "1" : "0");
    }

    private static XYChart chart(String title, List<Summary> summaries, boolean several, Map<String, Color> colours) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(summaries.getFirst().key().sizeName() + " size (log2 scale)")
                .yAxisTitle(metric(summaries).title() + " (median, 95% CI)")
                .build();
        double per = metric(summaries).shownPerStored();
        var st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        // A log axis labels decades only: worth it when the medians span one, not otherwise.
        double lo = summaries.stream().filter(s -> s.stats() != null).mapToDouble(s -> s.stats().medianCiLow())
                .filter(v -> v > 0).min().orElse(1);
        double hi = summaries.stream().filter(s -> s.stats() != null).mapToDouble(s -> s.stats().medianCiHigh())
                .max().orElse(1);
        st.setYAxisLogarithmic(hi / lo >= 10);
        st.setYAxisMin(st.isYAxisLogarithmic() ? null : 0.0);
        st.setYAxisDecimalPattern(hi / per < 100 ? "#,##0.#" : "#,##0");
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setErrorBarsColorSeriesColor(true);
        st.setXAxisTickMarkSpacingHint(40);
        st.setAntiAlias(true);
        chart.setCustomXAxisTickLabelsFormatter(x -> Sizes.format(Math.round(Math.pow(2, x))));
        Map<String, List<Summary>> lines = new LinkedHashMap<>();
        for (Summary s : summaries) {
            if (s.stats() != null) {
                String name = (several ? s.source() + ": " : "") + s.key().series();
                lines.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
            }
        }
        for (var e : lines.entrySet()) {
            List<Summary> points = e.getValue().stream()
                    .sorted(java.util.Comparator.comparingInt(s -> s.key().bufferSizeBytes())).toList();
            int n = points.size();
            double[] x = new double[n];
            double[] median = new double[n];
            double[] mid = new double[n];
            double[] half = new double[n];
            for (int i = 0; i < n; i++) {
                Stats t = points.get(i).stats();
                x[i] = Math.log(points.get(i).key().bufferSizeBytes()) / Math.log(2);
                median[i] = t.median() / per;
                mid[i] = (t.medianCiLow() + t.medianCiHigh()) / 2 / per;
                half[i] = (t.medianCiHigh() - t.medianCiLow()) / 2 / per;
            }
            Color colour = colours.computeIfAbsent(e.getKey(), k -> PALETTE[colours.size() % PALETTE.length]);
            XYSeries line = chart.addSeries(e.getKey(), x, median);
            line.setLineColor(colour);
            line.setMarkerColor(colour);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineStyle(new BasicStroke(1.6f));
            XYSeries ci = chart.addSeries(e.getKey() + " (95% CI)", x, mid, half);
            ci.setLineStyle(SeriesLines.NONE);
            ci.setMarker(SeriesMarkers.NONE);
            ci.setLineColor(colour);
            ci.setMarkerColor(colour);
            ci.setShowInLegend(false);
        }
        return chart;
    }

    /** A chart in the house style: white, light grid, legend inside, anti-aliased. */
    static void style(XYChart chart) {
        var st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setAntiAlias(true);
    }

    /** The colour a line of {@code name} keeps on every chart of one report. */
    static Color colour(Map<String, Color> colours, String name) {
        return colours.computeIfAbsent(name, k -> PALETTE[colours.size() % PALETTE.length]);
    }

    static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    static byte[] svg(XYChart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }
}
