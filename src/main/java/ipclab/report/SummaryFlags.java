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
 * (a buffer past the pipe's capacity or a cache, a wake-up pattern that changed).
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

    /** At most two lines for the end of a sweep, each within {@link CompactSummary#WIDTH}; empty when nothing is flagged. */
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
        if (!out.isEmpty()) {
            out.add("      (each one, with its likely cause, in summary.md under \"Flags\")");
        }
        return out;
    }

    /** The Flags section of summary.md: every noisy configuration and every dip, with what it likely means. */
    public static String markdown(List<Summary> summaries) {
        List<Summary> noisy = noisy(summaries);
        List<Dip> dips = dips(summaries);
        StringBuilder b = new StringBuilder("\n## Flags\n\n");
        if (noisy.isEmpty() && dips.isEmpty()) {
            return b.append("Nothing flagged: every CV is within ").append(Math.round(NOISY_CV * 100))
                    .append("% and no bandwidth curve falls by more than ").append(Math.round(DIP * 100))
                    .append("% from one size to the next.\n").toString();
        }
        if (!noisy.isEmpty()) {
            b.append("Configurations whose trials vary by more than ").append(Math.round(NOISY_CV * 100))
                    .append("% (coefficient of variation): the median is the figure to read, and its interval says how"
                            + " far to trust it. On a shared machine the usual causes are other processes (see"
                            + " load.jsonl) and where the two ends ran (pin them with --cpus and compare with"
                            + " `compare --factor placement`).\n\n| configuration | CV | median | 95% interval |\n"
                            + "|---|---:|---:|---|\n");
            for (Summary s : noisy) {
                b.append("| ").append(s.group()).append(' ').append(Sizes.format(s.key().bufferSizeBytes()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f%%", s.stats().cv() * 100)).append(" | ")
                        .append(SummaryFormat.shown(s.metric(), s.stats().median())).append(" | ")
                        .append(SummaryFormat.shown(s.metric(), s.stats().medianCiLow())).append("..")
                        .append(SummaryFormat.shown(s.metric(), s.stats().medianCiHigh())).append(" |\n");
            }
            b.append('\n');
        }
        if (!dips.isEmpty()) {
            b.append("Dips, where a bandwidth curve falls by more than ").append(Math.round(DIP * 100))
                    .append("% from one buffer size to the next larger:\n\n| curve | from | to | change | likely |\n"
                            + "|---|---|---|---:|---|\n");
            for (Dip d : dips) {
                b.append("| ").append(d.group()).append(" | ").append(Sizes.format(d.from().key().bufferSizeBytes()))
                        .append(" | ").append(Sizes.format(d.to().key().bufferSizeBytes())).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.0f%%", d.change() * 100)).append(" | ")
                        .append(d.overlaps() ? "noise: the two medians' 95% intervals overlap"
                                : "a real drop: the intervals are apart (a buffer past the pipe's capacity or a cache,"
                                        + " or a change in how the ends wake each other: trace it)")
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cut(String line) {
        return line.length() <= CompactSummary.WIDTH ? line : line.substring(0, CompactSummary.WIDTH - 1) + "~";
    }
}
