package ipclab.report;

import ipclab.bench.Workloads;

import ipclab.experiment.Comparison;
import ipclab.experiment.Factor;
import ipclab.experiment.PairedComparison;
import ipclab.experiment.Comparison.Verdict;
import ipclab.experiment.ConfigKey;
import ipclab.experiment.Holm;
import ipclab.experiment.Results;
import ipclab.experiment.Sizes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ipclab compare A B}: for each configuration both folders measured, whether B is faster
 * or slower than A, by how much (ratio of medians, with its 95% bootstrap interval), the
 * Mann-Whitney U p-value and the same after Holm's correction over all the configurations
 * compared, and the verdict with an equivalence margin ({@link Comparison#verdict(double, double)}).
 * A table in Markdown, readable as plain text, after a warning that two folders measured at
 * different times include the machine's drift between them.
 */
public final class CompareFormat {
    private CompareFormat() {}

    /** One configuration's comparison, its Holm-adjusted p-value and its verdict. */
    public record Row(ConfigKey key, Comparison comparison, double holmP, Verdict verdict) {}

    /** The comparisons of the configurations A and B share, in configuration order, judged with {@code margin}. */
    public static List<Row> compare(Results a, Results b, double margin) {
        Map<ConfigKey, double[]> va = Summary.values(a);
        Map<ConfigKey, double[]> vb = Summary.values(b);
        List<ConfigKey> keys = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (var e : va.entrySet()) {
            double[] other = vb.get(e.getKey());
            if (other != null && other.length > 0 && e.getValue().length > 0) {
                keys.add(e.getKey());
                comparisons.add(Comparison.of(e.getValue(), other, e.getKey().hashCode(),
                        Workloads.of(e.getKey().config()).headline()));
            }
        }
        double[] holm = Holm.adjust(comparisons.stream().mapToDouble(Comparison::pValue).toArray());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Comparison c = comparisons.get(i);
            rows.add(new Row(keys.get(i), c, holm[i], c.verdict(holm[i], margin)));
        }
        return rows;
    }

    /** Level B of a factor against its baseline level A, the rest of the configuration the same. */
    public record FactorRow(ConfigKey baseline, ConfigKey level, PairedComparison comparison, double holmP,
            Verdict verdict) {}

    /**
     * Inside one folder: for each configuration apart from {@code factor}, every other level of
     * the factor against the first (in configuration order), paired block by block (the trials of
     * one iteration), judged with {@code margin} after Holm's correction over all the pairs of
     * levels. Empty when the folder did not vary the factor.
     */
    public static List<FactorRow> compareFactor(Results r, Factor factor, double margin) {
        Map<ConfigKey, Map<Integer, Double>> byBlock = new java.util.TreeMap<>();
        for (var t : r.trials()) {
            if (!t.warmup() && !t.failed()) {
                byBlock.computeIfAbsent(t.key(), k -> new java.util.TreeMap<>()).put(t.iteration(), t.value());
            }
        }
        Map<String, List<ConfigKey>> groups = new java.util.LinkedHashMap<>();
        byBlock.keySet().forEach(k -> groups.computeIfAbsent(factor.rest(k), x -> new ArrayList<>()).add(k));
        List<ConfigKey[]> pairsOfKeys = new ArrayList<>();
        List<PairedComparison> comparisons = new ArrayList<>();
        for (List<ConfigKey> levels : groups.values()) {
            ConfigKey base = levels.getFirst();
            for (ConfigKey other : levels.subList(1, levels.size())) {
                Map<Integer, Double> a = byBlock.get(base);
                Map<Integer, Double> b = byBlock.get(other);
                List<Integer> blocks = a.keySet().stream().filter(b::containsKey).toList();
                if (blocks.size() < 2) {
                    continue;
                }
                double[] va = blocks.stream().mapToDouble(a::get).toArray();
                double[] vb = blocks.stream().mapToDouble(b::get).toArray();
                pairsOfKeys.add(new ConfigKey[] {base, other});
                comparisons.add(PairedComparison.of(va, vb, other.hashCode(), Workloads.of(base.config()).headline()));
            }
        }
        double[] holm = Holm.adjust(comparisons.stream().mapToDouble(PairedComparison::pValue).toArray());
        List<FactorRow> rows = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            PairedComparison c = comparisons.get(i);
            rows.add(new FactorRow(pairsOfKeys.get(i)[0], pairsOfKeys.get(i)[1], c, holm[i], c.verdict(holm[i], margin)));
        }
        return rows;
    }

    /** The factor comparison as a Markdown table and a summary line. */
    public static String factorMarkdown(Results r, Factor factor, List<FactorRow> rows, double margin) {
        StringBuilder s = new StringBuilder();
        s.append("factor ").append(factor.name()).append(" in ").append(described(r))
                .append(": each level against the first, the rest of the configuration the same, paired block by"
                        + " block (the trials of one round of the interleaved schedule), so the machine's drift"
                        + " between blocks cancels out; B vs A is the median of the blocks' ratios, which can differ"
                        + " from the ratio of the two medians\n\n");
        String unit = rows.isEmpty() ? "" : " " + rows.getFirst().comparison().metric().shownUnit();
        s.append("| configuration | A | B | blocks | A median" + unit + " | B median" + unit + " | B vs A | 95% CI of B/A"
                + " | Wilcoxon p | Holm p | verdict |\n|---|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (FactorRow row : rows) {
            PairedComparison c = row.comparison();
            ConfigKey k = row.baseline();
            s.append("| ").append(k.series()).append(' ').append(Sizes.format(k.bufferSizeBytes())).append(' ')
                    .append(k.variant()).append(" | ").append(factor.level(k)).append(" | ")
                    .append(factor.level(row.level())).append(" | ").append(c.pairs()).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.medianA())).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.medianB())).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f%%", c.percentChange())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f..%.3f", c.ratioCiLow(), c.ratioCiHigh())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", c.pValue())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", row.holmP())).append(" | ")
                    .append(row.verdict()).append(" |\n");
        }
        String pct = java.math.BigDecimal.valueOf(Math.round(margin * 1e6) / 1e4).stripTrailingZeros().toPlainString()
                + "%";
        s.append('\n').append(rows.size()).append(rows.size() == 1 ? " pair of levels" : " pairs of levels")
                .append(": B faster in ").append(rows.stream().filter(x -> x.verdict() == Verdict.FASTER).count())
                .append(", slower in ").append(rows.stream().filter(x -> x.verdict() == Verdict.SLOWER).count())
                .append(", no meaningful difference in ")
                .append(rows.stream().filter(x -> x.verdict() == Verdict.NO_MEANINGFUL_DIFFERENCE).count())
                .append(", within noise in ").append(rows.stream().filter(x -> x.verdict() == Verdict.WITHIN_NOISE)
                        .count())
                .append(" (Wilcoxon's signed-rank p of the paired blocks, corrected by Holm's method over the ")
                .append(rows.size()).append(", below 0.05 and the median ratio outside 1 +- ").append(pct).append(").\n");
        return s.toString();
    }

    /** As {@link #compare(Results, Results, double)} with the default 5% margin. */
    public static List<Row> compare(Results a, Results b) {
        return compare(a, b, Comparison.DEFAULT_MARGIN);
    }

    public static String markdown(Results a, Results b, List<Row> rows) {
        return markdown(a, b, rows, Comparison.DEFAULT_MARGIN);
    }

    public static String markdown(Results a, Results b, List<Row> rows, double margin) {
        StringBuilder s = new StringBuilder();
        s.append("A: ").append(described(a)).append('\n').append("B: ").append(described(b)).append('\n');
        String drift = driftWarning(a, b);
        if (drift != null) {
            s.append('\n').append(drift).append('\n');
        }
        s.append('\n');
        String unit = rows.isEmpty() ? "" : " " + rows.getFirst().comparison().metric().shownUnit();
        s.append("| configuration | A median" + unit + " | B median" + unit + " | B vs A | 95% CI of B/A | Mann-Whitney p"
                + " | Holm p | verdict |\n|---|---:|---:|---:|---|---:|---:|---|\n");
        for (Row r : rows) {
            Comparison c = r.comparison();
            s.append("| ").append(r.key().series()).append(' ').append(Sizes.format(r.key().bufferSizeBytes()))
                    .append(' ').append(r.key().variant()).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.a().median())).append(" | ")
                    .append(SummaryFormat.shown(c.metric(), c.b().median())).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f%%", c.percentChange())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f..%.3f", c.ratioCiLow(), c.ratioCiHigh())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", c.pValue())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3g", r.holmP())).append(" | ")
                    .append(r.verdict()).append(" |\n");
        }
        long onlyA = Summary.values(a).keySet().stream().filter(k -> rows.stream().noneMatch(r -> r.key().equals(k)))
                .count();
        long onlyB = Summary.values(b).keySet().stream().filter(k -> rows.stream().noneMatch(r -> r.key().equals(k)))
                .count();
        String pct = java.math.BigDecimal.valueOf(Math.round(margin * 1e6) / 1e4).stripTrailingZeros().toPlainString()
                + "%";
        s.append('\n').append(rows.size()).append(rows.size() == 1 ? " configuration" : " configurations")
                .append(" in both: B faster in ").append(count(rows,
                Verdict.FASTER)).append(", slower in ").append(count(rows, Verdict.SLOWER))
                .append(", no meaningful difference in ").append(count(rows, Verdict.NO_MEANINGFUL_DIFFERENCE))
                .append(", within noise in ").append(count(rows, Verdict.WITHIN_NOISE))
                .append(" (a difference is called when its Mann-Whitney p, corrected by Holm's method over the ")
                .append(rows.size()).append(rows.size() == 1 ? " configuration" : " configurations")
                .append(", is below 0.05 and the ratio of medians is outside 1 +- ").append(pct)
                .append("; within the margin it is no meaningful difference).\n");
        if (onlyA + onlyB > 0) {
            s.append("Not compared: ").append(onlyA).append(" configurations only in A, ").append(onlyB)
                    .append(" only in B.\n");
        }
        return s.toString();
    }

    private static long count(List<Row> rows, Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** The label, and the folder when the label is not the folder's own name. */
    static String described(Results r) {
        Path name = r.folder().toAbsolutePath().normalize().getFileName();
        return name != null && name.toString().equals(r.label()) ? r.label() : r.label() + " (" + r.folder() + ")";
    }

    /**
     * The warning that two folders are two sweeps, measured at different times, so that what
     * differs between them includes what changed on the machine in between; null for one folder
     * compared with itself.
     */
    public static String driftWarning(Results a, Results b) {
        if (a.folder().toAbsolutePath().normalize().equals(b.folder().toAbsolutePath().normalize())) {
            return null;
        }
        Object sa = a.metadata().get("started");
        Object sb = b.metadata().get("started");
        String when = "when is not recorded";
        if (sa != null && sb != null) {
            when = "A started " + sa + ", B " + sb;
            try {
                // As the sweep records it (OffsetDateTime.toString, which leaves out ":00" seconds,
                // a form Instant.parse refuses: a sweep started on a whole minute lost its gap).
                Duration gap = Duration.between(OffsetDateTime.parse(sa.toString()),
                        OffsetDateTime.parse(sb.toString())).abs();
                when += ", " + apart(gap) + " apart";
            } catch (DateTimeParseException e) {
                // the times as recorded
            }
        }
        return "Warning: A and B are two sweeps, measured at different times (" + when + "): every difference below"
                + " includes the machine's drift between them. For a difference that matters, measure both in one"
                + " interleaved sweep.";
    }

    private static String apart(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        return s < 2 * 86400 ? s / 3600 + " h" : s / 86400 + " days";
    }
}
