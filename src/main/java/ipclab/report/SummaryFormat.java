package ipclab.report;

import ipclab.workload.stream.StreamWorkload;
import ipclab.model.Metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary alone, as CSV, JSON or Markdown ({@code ipclab report --format}). The machine
 * formats use KiB/s, the sample record's unit, with field names that say so, and write numbers
 * the same in every locale; Markdown shows MiB/s for people, one table per mode, IPC type and
 * variant, buffer sizes as rows.
 */
public enum SummaryFormat {
    CSV, JSON, MARKDOWN;

    private static final ObjectMapper JSON_OUT = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static SummaryFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            case "markdown", "md" -> MARKDOWN;
            default -> throw new IllegalArgumentException("unknown summary format '" + name
                    + "' (csv, json or markdown)");
        };
    }

    public String render(List<Summary> summaries) {
        return switch (this) {
            case CSV -> csv(summaries);
            case JSON -> json(summaries);
            case MARKDOWN -> markdown(summaries);
        };
    }

    /** The summary as flat records, in column order; value columns named for the stored unit of ipc-static's bandwidth. */
    public static Map<String, Object> record(Summary s) {
        return record(s, BANDWIDTH_SUFFIX);
    }

    /**
     * As {@link #record(Summary)}, value columns ending in {@code suffix}: {@code _kib_per_sec} where
     * every row is the stream's bandwidth, as ever; {@code _} and the metric's name (e.g.
     * {@code median_rtt_p50_ns}) in JSON for another workload; none, with a {@code metric}
     * column, in a CSV of several workloads. Rows of another workload add {@code workload} and
     * {@code metric}.
     */
    static Map<String, Object> record(Summary s, String suffix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("mode", s.key().mode().label());
        m.put("ipc", s.key().mechanism().name());
        m.put("buffer_size_bytes", s.key().bufferSizeBytes());
        m.put("socket_buffers", s.key().socketBuffers());
        m.put("pipe_size_bytes", s.key().pipeSizeBytes());
        m.put("cpus", s.key().cpusText());
        m.put("fd_table", s.key().fdTable());
        m.put("ipc_settings", s.key().settings().text()); // spin and futex are two rows, and say so
        m.put("total_size_bytes", s.totalBytes());
        Stats t = s.stats();
        m.put("n", t == null ? 0 : t.n());
        m.put("failures", s.failures());
        m.put("median" + suffix, t == null ? null : t.median());
        m.put("median_ci_low" + suffix, t == null ? null : t.medianCiLow());
        m.put("median_ci_high" + suffix, t == null ? null : t.medianCiHigh());
        m.put("mean" + suffix, t == null ? null : t.mean());
        m.put("mean_ci_low" + suffix, t == null ? null : finite(t.meanCiLow()));
        m.put("mean_ci_high" + suffix, t == null ? null : finite(t.meanCiHigh()));
        m.put("sd" + suffix, t == null ? null : finite(t.sd()));
        m.put("cv", t == null ? null : finite(t.cv()));
        m.put("q1" + suffix, t == null ? null : t.q1());
        m.put("q3" + suffix, t == null ? null : t.q3());
        m.put("iqr" + suffix, t == null ? null : t.iqr());
        m.put("min" + suffix, t == null ? null : t.min());
        m.put("max" + suffix, t == null ? null : t.max());
        m.put("outliers", t == null ? 0 : t.outliers());
        m.put("short_trials", s.shortTrials());
        if (!suffix.equals(BANDWIDTH_SUFFIX)) {
            m.put("workload", s.key().workload());
            m.put("metric", s.metric().name());
        }
        return m;
    }

    /** Whether every summary is of ipc-static's bandwidth, so that the columns keep their KiB/s names. */
    private static boolean allBandwidth(List<Summary> summaries) {
        return summaries.stream().allMatch(SummaryFormat::bandwidth);
    }

    private static final String BANDWIDTH_SUFFIX = "_" + StreamWorkload.BANDWIDTH.name();

    private static boolean bandwidth(Summary s) {
        return s.metric().equals(StreamWorkload.BANDWIDTH);
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static String csv(List<Summary> summaries) {
        StringBuilder b = new StringBuilder();
        if (summaries.isEmpty()) {
            return "";
        }
        String suffix = allBandwidth(summaries) ? BANDWIDTH_SUFFIX : "";
        b.append(String.join(",", record(summaries.getFirst(), suffix).keySet())).append('\n');
        for (Summary s : summaries) {
            b.append(ResultsFiles.csvRow(record(s, suffix))).append('\n');
        }
        return b.toString();
    }

    private static String json(List<Summary> summaries) {
        try {
            return JSON_OUT.writeValueAsString(summaries.stream().map(s -> record(s,
                    "_" + s.metric().name())).toList())
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary did not serialise", e);
        }
    }

    private static String markdown(List<Summary> summaries) {
        StringBuilder b = new StringBuilder();
        String lastSource = null;
        String lastGroup = null;
        boolean several = summaries.stream().map(Summary::source).distinct().count() > 1;
        for (Summary s : summaries) {
            if (!s.source().equals(lastSource) || !s.group().equals(lastGroup)) {
                if (lastGroup != null) {
                    b.append('\n');
                }
                b.append("### ").append(several ? s.source() + ": " : "").append(s.group()).append("\n\n");
                String u = s.metric().shownUnit();
                b.append("| " + s.key().sizeName() + " | n | "
                        + (bandwidth(s) ? "" : s.metric().quantity() + ", ") + "median " + u + " | 95% CI of median | mean " + u + " | 95% CI of mean | IQR "
                        + u + " | CV | min..max " + u + " | outliers | failed |\n");
                b.append("|---:|---:|---:|---|---:|---|---:|---:|---|---:|---:|\n");
                lastSource = s.source();
                lastGroup = s.group();
            }
            Stats t = s.stats();
            b.append("| ").append(Sizes.format(s.key().bufferSizeBytes())).append(" | ");
            if (t == null) {
                b.append("0 | | | | | | | | | ").append(s.failures()).append(" |\n");
                continue;
            }
            Metric m = s.metric();
            b.append(t.n()).append(" | ")
                    .append(shown(m, t.median())).append(" | ")
                    .append(shown(m, t.medianCiLow())).append("..").append(shown(m, t.medianCiHigh())).append(" | ")
                    .append(shown(m, t.mean())).append(" | ")
                    .append(shown(m, t.meanCiLow())).append("..").append(shown(m, t.meanCiHigh())).append(" | ")
                    .append(shown(m, t.iqr())).append(" | ")
                    .append(percent(t.cv())).append(" | ")
                    .append(shown(m, t.min())).append("..").append(shown(m, t.max())).append(" | ")
                    .append(t.outliers()).append(" | ")
                    .append(s.failures()).append(" |\n");
        }
        shortNote(b, summaries);
        return b.toString();
    }

    /** Where measured trials broke the --min-time promise: one line naming each configuration, none if nowhere. */
    private static void shortNote(StringBuilder b, List<Summary> summaries) {
        List<String> where = new java.util.ArrayList<>();
        int total = 0;
        boolean several = summaries.stream().map(Summary::source).distinct().count() > 1;
        for (Summary s : summaries) {
            if (s.shortTrials() > 0) {
                total += s.shortTrials();
                where.add((several ? s.source() + ": " : "") + s.key().series() + " "
                        + Sizes.format(s.key().bufferSizeBytes()) + " " + s.key().variant() + " " + s.shortTrials()
                        + " of " + (s.stats() == null ? 0 : s.stats().n()));
            }
        }
        if (total > 0) {
            b.append("\nShorter than --min-time: ").append(total).append(total == 1 ? " measured trial (" : " measured"
                    + " trials (").append(String.join("; ", where)).append(").\n");
        }
    }

    /** A stored value of {@code metric} in the unit people read, one decimal, point as separator; "n/a" when not defined. */
    public static String shown(Metric metric, double stored) {
        return Double.isFinite(stored) ? String.format(Locale.ROOT, "%.1f", metric.shown(stored)) : "n/a";
    }

    /** KiB/s as MiB/s with one decimal, point as separator; "n/a" when not defined. */
    public static String mib(double kibPerSec) {
        return Double.isFinite(kibPerSec) ? String.format(Locale.ROOT, "%.1f", kibPerSec / 1024) : "n/a";
    }

    public static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f%%", ratio * 100) : "n/a";
    }
}
