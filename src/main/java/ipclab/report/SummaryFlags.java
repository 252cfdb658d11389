package ipclab.report;

import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What in a sweep's summary should not be believed as it stands: configurations whose trials
 * vary by more than 10% (coefficient of variation), and dips, where a bandwidth curve falls by
 * more than 10% from one buffer size to the next larger. A dip whose two 95% intervals of the
 * median overlap is likely noise; one whose intervals are apart is a real drop, worth explaining
 * (a buffer past the pipe's capacity or a cache, a wake-up pattern that changed). And rows whose
 * trials split by where their two ends ran ({@link PlacementSplit}): their median mixes two
 * placements.
 */
public final class SummaryFlags {
    /** A CV above this is flagged. */
    public static final double NOISY_CV = 0.10;
    /** A fall of more than this from one size to the next is a dip. */
    public static final double DIP = 0.10;

    /** A dip: the curve {@code group} falls from {@code from} to {@code to}. */
    public record Dip(String group, Summary from, Summary to) {
        public double change() {
            return to.stats().median() / from.stats().median() - 1;
        }

        /** Whether the two medians' 95% intervals overlap: then the dip may be noise. */
        public boolean overlaps() {
            return to.stats().medianCiHigh() >= from.stats().medianCiLow();
        }
    }

    private SummaryFlags() {}

    public static List<Summary> noisy(List<Summary> summaries) {
        return summaries.stream().filter(s -> s.stats() != null && Double.isFinite(s.stats().cv())
                && s.stats().cv() > NOISY_CV).sorted(Comparator.comparingDouble((Summary s) -> s.stats().cv())
                .reversed()).toList();
    }

    /** The dips of the curves where higher is better, in the order of the curves. */
    public static List<Dip> dips(List<Summary> summaries) {
        Map<String, List<Summary>> curves = new LinkedHashMap<>();
        for (Summary s : summaries) {
            if (s.stats() != null && s.metric().higherIsBetter()) {
                curves.computeIfAbsent(s.source() + "|" + s.group(), g -> new ArrayList<>()).add(s);
            }
        }
        List<Dip> dips = new ArrayList<>();
        for (var e : curves.entrySet()) {
            List<Summary> c = e.getValue().stream()
                    .sorted(Comparator.comparingInt(s -> s.key().bufferSizeBytes())).toList();
            for (int i = 1; i < c.size(); i++) {
                Stats a = c.get(i - 1).stats();
                Stats b = c.get(i).stats();
                if (b.median() < a.median() * (1 - DIP)) {
                    dips.add(new Dip(c.get(i).group(), c.get(i - 1), c.get(i)));
                }
            }
        }
        return dips;
    }

    /** The configurations whose trials split by placement, widest split first. */
    public static List<Summary> split(List<Summary> summaries) {
        return summaries.stream().filter(s -> s.placementSplit() != null).sorted(Comparator.comparingDouble(
                (Summary s) -> apart(s.placementSplit())).reversed()).toList();
    }

    private static double apart(PlacementSplit p) {
        return Math.max(p.oneCpuMedian(), p.twoCpusMedian()) / Math.min(p.oneCpuMedian(), p.twoCpusMedian());
    }

    /** At most three lines for the end of a sweep, each within {@link CompactSummary#WIDTH}; empty when nothing is flagged. */
    public static List<String> lines(List<Summary> summaries) {
        List<String> out = new ArrayList<>();
        List<Summary> noisy = noisy(summaries);
        long measured = summaries.stream().filter(s -> s.stats() != null).count();
        if (!noisy.isEmpty()) {
            Summary worst = noisy.getFirst();
            out.add(cut(String.format(Locale.ROOT, "flag: %d of %d configurations vary by over %.0f%% (CV); worst %.0f%%:"
                    + " %s %s", noisy.size(), measured, NOISY_CV * 100, worst.stats().cv() * 100, worst.group(),
                    Sizes.format(worst.key().bufferSizeBytes()))));
        }
        List<Dip> dips = dips(summaries);
        if (!dips.isEmpty()) {
            Dip worst = dips.stream().min(Comparator.comparingDouble(Dip::change)).orElseThrow();
            long real = dips.stream().filter(d -> !d.overlaps()).count();
            out.add(cut(String.format(Locale.ROOT, "flag: %d dips >%.0f%% as buffers grow (%d beyond noise); worst"
                    + " %.0f%%: %s, %s->%s", dips.size(), DIP * 100, real, worst.change() * 100, worst.group(),
                    Sizes.format(worst.from().key().bufferSizeBytes()), Sizes.format(worst.to().key().bufferSizeBytes()))));
        }
        List<Summary> split = split(summaries);
        if (!split.isEmpty()) {
            Summary widest = split.getFirst();
            PlacementSplit p = widest.placementSplit();
            out.add(cut(String.format(Locale.ROOT, "flag: %d split by placement, one CPU vs two; widest %s vs %s %s: %s %s",
                    split.size(), SummaryFormat.shown(widest.metric(), p.oneCpuMedian()),
                    SummaryFormat.shown(widest.metric(), p.twoCpusMedian()), widest.metric().shownUnit(),
                    widest.group(), Sizes.format(widest.key().bufferSizeBytes()))));
        }
        if (!out.isEmpty()) {
            out.add("      (each one, with its likely cause, in summary.md under \"Flags\")");
        }
        return out;
    }

    /**
     * One kind of flag: what it means, its table's columns and how each aligns ({@code l} or
     * {@code r}, one letter per column), a row per flagged configuration.
     */
    record Section(String intro, List<String> columns, String align, List<List<String>> rows) {}

    /** What nothing flagged means, in words. */
    static String nothingFlagged() {
        return "Nothing flagged: every CV is within " + Math.round(NOISY_CV * 100) + "% and no bandwidth curve falls"
                + " by more than " + Math.round(DIP * 100) + "% from one size to the next, and no configuration's"
                + " trials split by where the ends ran.";
    }

    /** Every flag of {@code summaries}, a section per kind; empty when nothing is flagged. */
    static List<Section> sections(List<Summary> summaries) {
        List<Section> out = new ArrayList<>();
        List<Summary> noisy = noisy(summaries);
        if (!noisy.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Summary s : noisy) {
                rows.add(List.of(name(s), String.format(Locale.ROOT, "%.1f%%", s.stats().cv() * 100),
                        SummaryFormat.shown(s.metric(), s.stats().median()),
                        SummaryFormat.shown(s.metric(), s.stats().medianCiLow()) + ".."
                                + SummaryFormat.shown(s.metric(), s.stats().medianCiHigh())));
            }
            out.add(new Section("Configurations whose trials vary by more than " + Math.round(NOISY_CV * 100)
                    + "% (coefficient of variation): the median is the figure to read, and its interval says how"
                    + " far to trust it. On a shared machine the usual causes are other processes (see"
                    + " load.jsonl: others' share, and steal, the hypervisor's) and where the two ends ran (pin"
                    + " them with --cpus and compare with `compare --factor placement`); longer trials (--min-time)"
                    + " average short stalls out.", List.of("configuration", "CV", "median", "95% interval"),
                    "lrrl", rows));
        }
        List<Dip> dips = dips(summaries);
        if (!dips.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Dip d : dips) {
                rows.add(List.of(d.group(), Sizes.format(d.from().key().bufferSizeBytes()),
                        Sizes.format(d.to().key().bufferSizeBytes()),
                        String.format(Locale.ROOT, "%+.0f%%", d.change() * 100),
                        d.overlaps() ? "noise: the two medians' 95% intervals overlap"
                                : "a real drop: the intervals are apart (a buffer past the pipe's capacity or a cache,"
                                        + " or a change in how the ends wake each other: trace it)"));
            }
            out.add(new Section("Dips, where a bandwidth curve falls by more than " + Math.round(DIP * 100)
                    + "% from one buffer size to the next larger:", List.of("curve", "from", "to", "change", "likely"),
                    "lllrl", rows));
        }
        List<Summary> split = split(summaries);
        if (!split.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Summary s : split) {
                PlacementSplit p = s.placementSplit();
                String unit = " " + s.metric().shownUnit();
                rows.add(List.of(name(s), String.valueOf(p.oneCpu()),
                        SummaryFormat.shown(s.metric(), p.oneCpuMedian()) + unit, String.valueOf(p.twoCpus()),
                        SummaryFormat.shown(s.metric(), p.twoCpusMedian()) + unit));
            }
            out.add(new Section("Configurations whose trials split by where their two ends ran (sched_getcpu at the"
                    + " start and end of each timed region): both ends on one CPU against one on each, each group of"
                    + " at least " + PlacementSplit.MIN_TRIALS + " trials, medians more than "
                    + Math.round(PlacementSplit.APART * 100) + "% apart and ranges apart. The median mixes two"
                    + " placements, and which one a trial got was the scheduler's chance: on one CPU a write wakes"
                    + " the reader synchronously on the same CPU (no idle CPU to wake, the caches shared), on two an"
                    + " idle CPU must be woken and the data crosses between caches. Pin the ends with --cpus (0 for"
                    + " one CPU, 0,1 for two) to measure each.", List.of("configuration", "one CPU: trials", "median",
                            "two CPUs: trials", "median"), "lrrrr", rows));
        }
        return out;
    }

    private static String name(Summary s) {
        return s.group() + " " + Sizes.format(s.key().bufferSizeBytes());
    }

    /** The Flags section of summary.md: every flagged configuration, with what it likely means. */
    public static String markdown(List<Summary> summaries) {
        StringBuilder b = new StringBuilder("\n## Flags\n\n");
        List<Section> sections = sections(summaries);
        if (sections.isEmpty()) {
            return b.append(nothingFlagged()).append('\n').toString();
        }
        for (Section sec : sections) {
            b.append(sec.intro()).append("\n\n| ").append(String.join(" | ", sec.columns())).append(" |\n|");
            for (char a : sec.align().toCharArray()) {
                b.append(a == 'r' ? "---:|" : "---|");
            }
            b.append('\n');
            for (List<String> row : sec.rows()) {
                b.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The same flags as HTML, for the report: a heading, then each kind's words and table. */
    public static String html(List<Summary> summaries) {
        StringBuilder b = new StringBuilder("<h2 id=\"flags\">Flags</h2>\n");
        List<Section> sections = sections(summaries);
        if (sections.isEmpty()) {
            return b.append("<p>").append(HtmlReport.esc(nothingFlagged())).append("</p>\n").toString();
        }
        for (Section sec : sections) {
            b.append("<p>").append(HtmlReport.esc(sec.intro())).append("</p>\n<table class=\"flags\">\n<tr>");
            for (int i = 0; i < sec.columns().size(); i++) {
                b.append(sec.align().charAt(i) == 'l' ? "<th class=\"l\">" : "<th>").append(HtmlReport.esc(sec.columns().get(i)))
                        .append("</th>");
            }
            b.append("</tr>\n");
            for (List<String> row : sec.rows()) {
                b.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    b.append(sec.align().charAt(i) == 'l' ? "<td class=\"l\">" : "<td>").append(HtmlReport.esc(row.get(i))).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.toString();
    }

    private static String cut(String line) {
        return line.length() <= CompactSummary.WIDTH ? line : line.substring(0, CompactSummary.WIDTH - 1) + "~";
    }
}
