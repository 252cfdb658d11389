package ipclab.report;

import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-sweep summary for a terminal: one line per table of the full summary (mode, IPC
 * type and variant), at most {@link #WIDTH} columns, with where the bandwidth peaked, the
 * smallest and largest buffer's median, the spread and what was flagged. The full tables go to
 * the results folder's summary.md and the report.
 */
public final class CompactSummary {
    /** The widest line this prints. */
    public static final int WIDTH = 100;
    private static final String ROW = "%-32s %5s %18s %9s %9s %7s %4s %4s";

    private CompactSummary() {}

    public static String render(List<Summary> summaries) {
        Map<String, List<Summary>> groups = new LinkedHashMap<>();
        for (Summary s : summaries) {
            groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
        }
        StringBuilder b = new StringBuilder();
        String lastHeader = null;
        for (var e : groups.entrySet()) {
            var metric = e.getValue().getFirst().metric();
            String header = String.format(Locale.ROOT, ROW, "median " + metric.shownUnit() + " of", "sizes",
                    (metric.higherIsBetter() ? "peak" : "lowest") + " (at size)", "smallest", "largest", "max CV",
                    "out", "fail").stripTrailing();
            if (!header.equals(lastHeader)) {
                b.append(lastHeader == null ? "" : "\n").append(header).append('\n');
                lastHeader = header;
            }
            List<Summary> rows = e.getValue();
            Summary peak = null;
            double maxCv = Double.NaN;
            int outliers = 0;
            int failures = 0;
            for (Summary s : rows) {
                failures += s.failures();
                Stats t = s.stats();
                if (t == null) {
                    continue;
                }
                outliers += t.outliers();
                if (Double.isFinite(t.cv()) && !(t.cv() <= maxCv)) {
                    maxCv = t.cv();
                }
                if (peak == null || s.metric().improves(t.median() / peak.stats().median())) {
                    peak = s;
                }
            }
            String peakText = peak == null ? "-" : SummaryFormat.shown(peak.metric(), peak.stats().median()) + " ("
                    + Sizes.format(peak.key().bufferSizeBytes()) + ")";
            b.append(String.format(Locale.ROOT, ROW, cut(e.getKey(), 32), rows.size(), peakText,
                    median(rows.getFirst()), median(rows.getLast()), SummaryFormat.percent(maxCv), outliers,
                    failures).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String median(Summary s) {
        return s.stats() == null ? "-" : SummaryFormat.shown(s.metric(), s.stats().median());
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
