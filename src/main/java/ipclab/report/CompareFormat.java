package ipclab.report;

import ipclab.bench.Workloads;

import ipclab.experiment.Comparison;
import ipclab.experiment.ConfigKey;
import ipclab.experiment.Results;
import ipclab.experiment.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ipclab compare A B}: for each configuration both folders measured, whether B is faster
 * or slower than A, by how much (ratio of medians, with its 95% bootstrap interval), the
 * Mann-Whitney U p-value, and the verdict. A table in Markdown, readable as plain text.
 */
public final class CompareFormat {
    private CompareFormat() {}

    /** One configuration's comparison. */
    public record Row(ConfigKey key, Comparison comparison) {}

    /** The comparisons of the configurations A and B share, in configuration order. */
    public static List<Row> compare(Results a, Results b) {
        Map<ConfigKey, double[]> va = Summary.values(a);
        Map<ConfigKey, double[]> vb = Summary.values(b);
        List<Row> rows = new ArrayList<>();
        for (var e : va.entrySet()) {
            double[] other = vb.get(e.getKey());
            if (other != null && other.length > 0 && e.getValue().length > 0) {
                rows.add(new Row(e.getKey(), Comparison.of(e.getValue(), other, e.getKey().hashCode(),
                        Workloads.of(e.getKey().config()).headline())));
            }
        }
        return rows;
    }

    public static String markdown(Results a, Results b, List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("A: ").append(a.label()).append('\n').append("B: ").append(b.label()).append("\n\n");
        String unit = rows.isEmpty() ? "" : " " + rows.getFirst().comparison().metric().shownUnit();
        s.append("| configuration | A median" + unit + " | B median" + unit + " | B vs A | 95% CI of B/A | Mann-Whitney p"
                + " | verdict |\n|---|---:|---:|---:|---|---:|---|\n");
        for (Row r : rows) {
            Comparison c = r.comparison();
            s.append("| ").append(r.key().series()).append(' ').append(Sizes.format(r.key().bufferSizeBytes()))
                    .append(' ').append(r.key().variant()).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.a().median())).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.b().median())).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f%%", c.percentChange())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f..%.3f", c.ratioCiLow(), c.ratioCiHigh())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", c.pValue())).append(" | ")
                    .append(c.verdict()).append(" |\n");
        }
        long faster = rows.stream().filter(r -> r.comparison().verdict().equals("faster")).count();
        long slower = rows.stream().filter(r -> r.comparison().verdict().equals("slower")).count();
        long onlyA = Summary.values(a).keySet().stream().filter(k -> rows.stream().noneMatch(r -> r.key().equals(k)))
                .count();
        long onlyB = Summary.values(b).keySet().stream().filter(k -> rows.stream().noneMatch(r -> r.key().equals(k)))
                .count();
        s.append('\n').append(rows.size()).append(" configurations in both: B faster in ").append(faster)
                .append(", slower in ").append(slower).append(", within noise in ").append(rows.size() - faster - slower)
                .append(" (significant: Mann-Whitney p < 0.05 and the ratio's 95% CI excludes 1).\n");
        if (onlyA + onlyB > 0) {
            s.append("Not compared: ").append(onlyA).append(" configurations only in A, ").append(onlyB)
                    .append(" only in B.\n");
        }
        return s.toString();
    }
}
