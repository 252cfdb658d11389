package ipclab.report;

import ipclab.experiment.Sizes;
import java.awt.Color;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lab report's charts beside the bandwidth ones: a quantity by buffer size, one line per
 * series, each point optionally with an interval drawn as a whisker (XChart's error bar on a
 * hidden companion series, centred on the interval, as {@link Charts} does). Sizes missing from a
 * line are gaps.
 */
final class LabCharts {
    private LabCharts() {}

    /** One point: a value and its interval (NaN for none). */
    record Point(double value, double low, double high) {
        static Point of(double v) {
            return new Point(v, Double.NaN, Double.NaN);
        }
    }

    /** A line: its name, whether it is dashed, its points by size in bytes. */
    record Line(String name, boolean dashed, TreeMap<Integer, Point> points) {}

    /**
     * A chart of {@code lines}; {@code log} for a log10 y axis (labelled in the values), {@code one}
     * draws a reference line at y = 1 (for ratios).
     */
    static Charts.Chart render(String title, String stem, String yTitle, List<Line> lines, boolean log, boolean one,
            List<Charts.Mark> marks) throws IOException {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("buffer size (log2 scale)").yAxisTitle(yTitle).build();
        Charts.style(chart);
        var st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setErrorBarsColorSeriesColor(true);
        st.setXAxisTickMarkSpacingHint(40);
        chart.setCustomXAxisTickLabelsFormatter(x -> Sizes.format(Math.round(Math.pow(2, x))));
        java.util.function.DoubleUnaryOperator y = log ? Math::log10 : v -> v;
        if (log) {
            chart.setCustomYAxisTickLabelsFormatter(v -> Charts.tickLabel(Math.pow(10, v)));
            st.setYAxisTickMarkSpacingHint(45);
        } else {
            st.setYAxisDecimalPattern("#,##0.##");
        }
        double[] x = lines.stream().flatMap(l -> l.points().keySet().stream()).mapToInt(Integer::intValue).distinct()
                .sorted().mapToDouble(b -> Math.log(b) / Math.log(2)).toArray();
        Map<String, Color> colours = new LinkedHashMap<>();
        double top = Double.NEGATIVE_INFINITY;
        double bottom = Double.POSITIVE_INFINITY;
        int index = 0;
        for (Line l : lines) {
            double[] v = new double[x.length];
            double[] mid = new double[x.length];
            double[] half = new double[x.length];
            boolean whiskers = false;
            for (int i = 0; i < x.length; i++) {
                Point p = l.points().get((int) Math.round(Math.pow(2, x[i])));
                boolean ok = p != null && Double.isFinite(p.value()) && (!log || p.value() > 0);
                v[i] = ok ? y.applyAsDouble(p.value()) : Double.NaN;
                boolean interval = ok && Double.isFinite(p.low()) && Double.isFinite(p.high()) && (!log || p.low() > 0);
                double lo = interval ? y.applyAsDouble(p.low()) : Double.NaN;
                double hi = interval ? y.applyAsDouble(p.high()) : Double.NaN;
                mid[i] = interval ? (lo + hi) / 2 : v[i];
                half[i] = interval ? (hi - lo) / 2 : 0;
                whiskers |= interval;
                if (ok) {
                    top = Math.max(top, interval ? hi : v[i]);
                    bottom = Math.min(bottom, interval ? lo : v[i]);
                }
            }
            Color colour = Charts.colour(colours, l.name());
            // a little aside of the other lines, as in Charts, so that whiskers do not hide each other
            double shift = (index - (lines.size() - 1) / 2.0) * 0.05;
            double[] xs = java.util.Arrays.stream(x).map(p -> p + shift).toArray();
            XYSeries s = chart.addSeries(l.name(), xs, v);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            s.setMarker(MARKERS[index++ % MARKERS.length]);
            s.setLineStyle(Charts.stroke(l.dashed()));
            if (whiskers) {
                XYSeries ci = chart.addSeries(l.name() + " (95% CI)", xs, mid, half);
                ci.setLineStyle(SeriesLines.NONE);
                ci.setMarker(SeriesMarkers.NONE);
                ci.setLineColor(colour);
                ci.setMarkerColor(colour);
                ci.setShowInLegend(false);
            }
        }
        if (one && x.length > 0) {
            XYSeries ref = chart.addSeries("no difference (1.0)", new double[] {x[0], x[x.length - 1]},
                    new double[] {y.applyAsDouble(1), y.applyAsDouble(1)});
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineColor(new Color(0x777777));
            ref.setLineStyle(SeriesLines.DOT_DOT);
            top = Math.max(top, y.applyAsDouble(1));
            bottom = Math.min(bottom, y.applyAsDouble(1));
        }
        if (!log && Double.isFinite(bottom)) {
            st.setYAxisMin(Math.min(0, bottom));
        }
        if (x.length > 0 && Double.isFinite(top)) {
            Charts.addMarks(chart, marks, x[0], x[x.length - 1], top, (top - (log ? bottom : 0)) * 0.06);
        }
        return new Charts.Chart(title, stem, Charts.png(chart), Charts.svg(chart));
    }

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    static String stem(int n, String name) {
        return String.format(Locale.ROOT, "lab-%02d-%s", n, name);
    }
}
