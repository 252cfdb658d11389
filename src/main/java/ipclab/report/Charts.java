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

    /** A vertical marker at a size the machine knows: the pipe capacity, a cache. */
    public record Mark(String label, long bytes) {}

    /** The marks of a results folder's machine: pipe capacity and L1d, L2, L3 where known. */
    public static List<Mark> marks(Map<String, Object> machine) {
        List<Mark> out = new ArrayList<>();
        if (!(machine.get("description") instanceof Map<?, ?> d)) {
            return out;
        }
        if (d.get("ipc_limits") instanceof Map<?, ?> limits && limits.get("pipe_default_capacity_bytes") instanceof Number n) {
            out.add(new Mark("pipe capacity", n.longValue()));
        }
        if (d.get("hardware") instanceof Map<?, ?> hw && hw.get("caches") instanceof Map<?, ?> caches) {
            for (String c : List.of("L1d", "L2", "L3")) {
                if (caches.get(c + "_bytes") instanceof Number n) {
                    out.add(new Mark(c, n.longValue()));
                }
            }
        }
        return out;
    }

    /** {@link #render(List, List)} without marks. */
    public static List<Chart> render(List<Summary> summaries) throws IOException {
        return render(summaries, List.of());
    }

    /**
     * One chart per IPC type (and pipe size, placement, descriptor table) of {@code summaries}, in
     * the order they first appear: -s off and -s on of a socket on the same axes, told apart by
     * dash, the modes by marker. {@code marks} are drawn as vertical lines where inside the axis.
     */
    public static List<Chart> render(List<Summary> summaries, List<Mark> marks) throws IOException {
        List<Drawing> drawn = drawings(summaries, marks);
        // Encoding dominates: each chart's PNG and SVG are independent, so they are made in parallel.
        byte[][] pngs = new byte[drawn.size()][];
        byte[][] svgs = new byte[drawn.size()][];
        try {
            java.util.stream.IntStream.range(0, 2 * drawn.size()).parallel().forEach(i -> {
                try {
                    Drawing d = drawn.get(i / 2);
                    if (i % 2 == 0) {
                        pngs[i / 2] = png(d.forPng());
                    } else {
                        svgs[i / 2] = svg(d.forSvg());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        List<Chart> charts = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            charts.add(new Chart(drawn.get(i).title(), drawn.get(i).fileStem(), pngs[i], svgs[i]));
        }
        return charts;
    }

    /**
     * A chart before encoding, as two equal copies, one per encoder: XChart lays a chart out while
     * painting it (its AxisPair clears and refills a map of y axes), so two threads painting one
     * chart race. That surfaced once as a ConcurrentModificationException in a CI run's report.
     */
    record Drawing(String title, String fileStem, XYChart forPng, XYChart forSvg) {}

    /** The charts of {@link #render}, built in one thread: a line's colour is assigned when first drawn. */
    static List<Drawing> drawings(List<Summary> summaries, List<Mark> marks) {
        Map<String, Color> colours = new LinkedHashMap<>();
        Map<String, String> labels = shortLabels(summaries.stream().map(Summary::source).distinct().toList());
        Map<String, String> legend = labels.size() > 1 ? labels : null;
        Map<String, List<Summary>> byChart = new LinkedHashMap<>();
        summaries.forEach(s -> byChart.computeIfAbsent(chartOf(s.key()), v -> new ArrayList<>()).add(s));
        List<Drawing> out = new ArrayList<>();
        for (var e : byChart.entrySet()) {
            Metric m = metric(e.getValue());
            ConfigKey first = e.getValue().getFirst().key();
            boolean both = e.getValue().stream().anyMatch(s -> s.key().socketBuffers());
            String title = Character.toUpperCase(m.quantity().charAt(0)) + m.quantity().substring(1) + " by "
                    + first.sizeName() + " size, " + e.getKey() + (both ? " (-s off and on)" : "");
            String stem = String.format(Locale.ROOT, "%s-%02d-%s", first.stream() ? "bandwidth" : "latency",
                    out.size() + 1, e.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", ""));
            out.add(new Drawing(title, stem, chart(title, e.getValue(), legend, colours, marks),
                    chart(title, e.getValue(), legend, colours, marks)));
        }
        return out;
    }

    /** What a chart's points are: its summaries' metric (one chart, one metric). */
    private static Metric metric(List<Summary> summaries) {
        return summaries.isEmpty() ? ipclab.workload.stream.StreamWorkload.BANDWIDTH : summaries.getFirst().metric();
    }

    /** Which chart a configuration's line goes on: its IPC type and whatever else but -s sets it apart. */
    static String chartOf(ConfigKey k) {
        if (!k.stream()) {
            return k.variant();
        }
        String rest = k.variant().replaceFirst("^-s (off|on)(, )?", "");
        return k.mechanism().name() + (rest.isEmpty() ? "" : ", " + rest);
    }

    /**
     * Legend labels for results folders: their names without the leading timestamp of
     * {@code ResultsFiles.newFolder} where that still tells them apart.
     */
    static Map<String, String> shortLabels(List<String> sources) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : sources) {
            out.put(s, s.replaceFirst("^(.*/)?\\d{8}-\\d{6}-", "$1"));
        }
        if (new java.util.HashSet<>(out.values()).size() < sources.size()) {
            sources.forEach(s -> out.put(s, s));
        }
        return out;
    }

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    /** Solid for -s off (and pipes), dashed for -s on. */
    static BasicStroke stroke(boolean socketBuffers) {
        return socketBuffers ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {7f, 4f}, 0f) : new BasicStroke(1.6f);
    }

    /** {@code labels}: folder labels for the legend when several folders share the chart, else null. */
    private static XYChart chart(String title, List<Summary> summaries, Map<String, String> labels,
            Map<String, Color> colours, List<Mark> marks) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(summaries.getFirst().key().sizeName() + " size (log2 scale)")
                .yAxisTitle(metric(summaries).title() + " (median, 95% CI)")
                .build();
        double per = metric(summaries).shownPerStored();
        var st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        double lo = summaries.stream().filter(s -> s.stats() != null).mapToDouble(s -> s.stats().medianCiLow())
                .filter(v -> v > 0).min().orElse(1);
        double hi = summaries.stream().filter(s -> s.stats() != null).mapToDouble(s -> s.stats().medianCiHigh())
                .max().orElse(1);
        // XChart's log axis labels decades only (one label over a span of 3x): log10 of the values
        // on a linear axis instead, labelled back in the metric's unit, gives several labelled ticks.
        boolean log = hi / lo >= 10;
        java.util.function.DoubleUnaryOperator y = log ? v -> Math.log10(v / per) : v -> v / per;
        if (log) {
            chart.setCustomYAxisTickLabelsFormatter(v -> tickLabel(Math.pow(10, v)));
            st.setYAxisTickMarkSpacingHint(45);
        } else {
            st.setYAxisMin(0.0);
            st.setYAxisDecimalPattern(hi / per < 100 ? "#,##0.#" : "#,##0");
        }
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setErrorBarsColorSeriesColor(true);
        st.setXAxisTickMarkSpacingHint(40);
        st.setAntiAlias(true);
        chart.setCustomXAxisTickLabelsFormatter(x -> Sizes.format(Math.round(Math.pow(2, x))));
        // Every size any line has: a line without a point there (all its trials failed, or none
        // ran) gets NaN, which XChart leaves as a gap instead of bridging it.
        double[] x = summaries.stream().mapToInt(s -> s.key().bufferSizeBytes()).distinct().sorted()
                .mapToDouble(b -> Math.log(b) / Math.log(2)).toArray();
        boolean sockets = summaries.stream().anyMatch(s -> s.key().socketBuffers());
        Map<String, Map<Integer, Summary>> lines = new LinkedHashMap<>();
        Map<String, Summary> firstOf = new LinkedHashMap<>();
        for (Summary s : summaries) {
            String name = (labels != null ? labels.get(s.source()) + ": " : "") + s.key().series()
                    + (sockets ? (s.key().socketBuffers() ? ", -s on" : ", -s off") : "");
            lines.computeIfAbsent(name, n -> new java.util.TreeMap<>()).put(s.key().bufferSizeBytes(), s);
            firstOf.putIfAbsent(name, s);
        }
        List<String> modes = summaries.stream().map(s -> s.key().mode().label()).distinct().toList();
        int lineIndex = 0;
        for (var e : lines.entrySet()) {
            int n = x.length;
            double[] median = new double[n];
            double[] mid = new double[n];
            double[] half = new double[n];
            for (int i = 0; i < n; i++) {
                Summary s = e.getValue().get((int) Math.round(Math.pow(2, x[i])));
                Stats t = s == null ? null : s.stats();
                if (t == null) {
                    median[i] = mid[i] = half[i] = Double.NaN;
                    continue;
                }
                double low = y.applyAsDouble(Math.max(t.medianCiLow(), lo));
                double high = y.applyAsDouble(t.medianCiHigh());
                median[i] = y.applyAsDouble(t.median());
                mid[i] = (low + high) / 2;
                half[i] = (high - low) / 2;
            }
            Summary first = firstOf.get(e.getKey());
            // Each line a little to the side of the others (a twentieth of a doubling apart), so
            // that the whiskers of lines with close medians do not hide each other.
            double shift = (lineIndex++ - (lines.size() - 1) / 2.0) * 0.05;
            double[] xs = java.util.Arrays.stream(x).map(v -> v + shift).toArray();
            // One colour per folder and mode: -s off and on of a mode share it and differ by dash.
            String colourKey = (labels != null ? first.source() + ": " : "") + first.key().mode().label();
            Color colour = colour(colours, colourKey);
            XYSeries line = chart.addSeries(e.getKey(), xs, median);
            line.setLineColor(colour);
            line.setMarkerColor(colour);
            line.setMarker(MARKERS[modes.indexOf(first.key().mode().label()) % MARKERS.length]);
            line.setLineStyle(stroke(first.key().socketBuffers()));
            XYSeries ci = chart.addSeries(e.getKey() + " (95% CI)", xs, mid, half);
            ci.setLineStyle(SeriesLines.NONE);
            ci.setMarker(SeriesMarkers.NONE);
            ci.setLineColor(colour);
            ci.setMarkerColor(colour);
            ci.setShowInLegend(false);
        }
        double top = y.applyAsDouble(hi);
        addMarks(chart, marks, x.length == 0 ? 0 : x[0], x.length == 0 ? 0 : x[x.length - 1], top,
                (top - (log ? y.applyAsDouble(lo) : 0)) * 0.06);
        return chart;
    }

    /** Vertical lines at the marks inside [fromLog2, toLog2], each labelled at the top. */
    static void addMarks(XYChart chart, List<Mark> marks, double fromLog2, double toLog2, double top, double step) {
        var st = chart.getStyler();
        st.setAnnotationLineColor(new Color(0x999999));
        st.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {2f, 3f}, 0f));
        st.setAnnotationTextFontColor(new Color(0x555555));
        for (Mark m : marks) {
            double at = Math.log(m.bytes()) / Math.log(2);
            if (m.bytes() <= 0 || at < fromLog2 || at > toLog2) {
                continue;
            }
            chart.addAnnotation(new org.knowm.xchart.AnnotationLine(at, true, false));
            chart.addAnnotation(new org.knowm.xchart.AnnotationText(m.label() + " " + Sizes.format(m.bytes()), at,
                    top, false));
            top -= step; // staggered, so that the labels of near sizes do not overlap
        }
    }

    /** A tick label with two significant figures, grouped thousands: 3,200, 450, 7.5. */
    static String tickLabel(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return "";
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        double r = Math.round(v / magnitude) * magnitude;
        java.text.DecimalFormat f = new java.text.DecimalFormat(r >= 10 ? "#,##0" : "0.##",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(r);
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
