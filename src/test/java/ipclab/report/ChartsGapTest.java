package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.ConfigKey;
import ipclab.experiment.Stats;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A size whose trials all failed is a gap in its line, never bridged: read from the SVG, the
 * line of the first colour has no segment at all when its middle point of three is missing, and
 * two when it is there (the control). Also: the -s off and on lines share one chart, and the
 * machine's marks are drawn where inside the axis.
 */
class ChartsGapTest {
    /** The first palette colour, as XChart writes it in SVG. */
    private static final String FIRST = "stroke:rgb(31,119,180)";
    private static final Pattern LINE = Pattern.compile("<line style=\"([^\"]*)\" x1=\"([^\"]+)\" x2=\"([^\"]+)\""
            + " y1=\"([^\"]+)\" y2=\"([^\"]+)\"/>");

    @Test
    void aFailedPointBreaksTheLine() throws Exception {
        assertThat(segments(charts(true).getFirst())).isEqualTo(2);
        assertThat(segments(charts(false).getFirst())).isZero();
    }

    @Test
    void socketBuffersOffAndOnShareAChartWithMarks() throws Exception {
        List<Summary> s = new ArrayList<>(summaries(true, "local", false));
        s.addAll(summaries(true, "local", true));
        List<Charts.Chart> charts = Charts.render(s, List.of(new Charts.Mark("pipe capacity", 2048),
                new Charts.Mark("L3", 1L << 30)));
        assertThat(charts).hasSize(1);
        assertThat(charts.getFirst().title()).endsWith("local (-s off and on)");
        String svg = new String(charts.getFirst().svg(), StandardCharsets.UTF_8);
        // one colour for the mode, solid for -s off, dashed for -s on
        assertThat(segments(charts.getFirst())).isEqualTo(4);
        assertThat(count(svg, FIRST, true)).isPositive();
        // the mark inside the axis (2 KiB) is drawn, the one outside (1 GiB) is not: one vertical grey line
        Matcher m = LINE.matcher(svg);
        int marks = 0;
        while (m.find()) {
            if (m.group(1).contains("stroke:rgb(153,153,153)") && m.group(2).equals(m.group(3))) {
                marks++;
            }
        }
        assertThat(marks).isEqualTo(1);
    }

    @Test
    void tickLabelsHaveTwoSignificantFigures() {
        assertThat(Charts.tickLabel(3162.27)).isEqualTo("3,200");
        assertThat(Charts.tickLabel(7.49)).isEqualTo("7.5");
        assertThat(Charts.tickLabel(450.2)).isEqualTo("450");
    }

    private static List<Charts.Chart> charts(boolean middle) throws Exception {
        return Charts.render(summaries(middle, "pipe", false));
    }

    private static List<Summary> summaries(boolean middle, String ipc, boolean socketBuffers) {
        List<Summary> out = new ArrayList<>();
        int[] sizes = {1024, 2048, 4096};
        double[] kib = {100_000, 300_000, 200_000};
        for (int i = 0; i < sizes.length; i++) {
            ConfigKey key = new ConfigKey(Mode.ONE_THREAD, Mechanisms.require(ipc), sizes[i], socketBuffers, 0,
                    List.of());
            boolean failed = i == 1 && !middle;
            double v = kib[i] * (socketBuffers ? 0.5 : 1);
            out.add(new Summary("folder", key, 1 << 20, failed ? 3 : 0, failed ? null
                    : Stats.of(new double[] {v * 0.99, v, v * 1.01}), 0));
        }
        return out;
    }

    /** Lines of {@code colour} that are dashed (or not). */
    private static int count(String svg, String colour, boolean dashed) {
        Matcher m = LINE.matcher(svg);
        int n = 0;
        while (m.find()) {
            if (m.group(1).contains(colour) && m.group(1).contains("dasharray") == dashed) {
                n++;
            }
        }
        return n;
    }

    /** Segments of the first colour that are neither horizontal (the legend) nor vertical (error bars). */
    private static int segments(Charts.Chart chart) {
        String svg = new String(chart.svg(), StandardCharsets.UTF_8);
        Matcher m = LINE.matcher(svg);
        int n = 0;
        while (m.find()) {
            if (m.group(1).contains(FIRST) && !m.group(2).equals(m.group(3)) && !m.group(4).equals(m.group(5))) {
                n++;
            }
        }
        return n;
    }
}
