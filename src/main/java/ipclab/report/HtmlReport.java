package ipclab.report;

import ipclab.model.Metric;

import ipclab.experiment.Results;
import ipclab.experiment.ResultsException;
import ipclab.experiment.Sizes;
import ipclab.experiment.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTML report of one or more results folders: one page that opens offline (no script, no
 * CDN; the charts are embedded as PNG data URIs), with the PNG and SVG files of every chart
 * written alongside under {@code charts/}. It shows the machine and plan of each folder, the
 * charts, and the summary table of each mode, IPC type and variant with buffer sizes as rows.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    public static final String CHARTS = "charts";

    private HtmlReport() {}

    /** Writes the report of {@code folders} into {@code outDir}; returns the HTML file. */
    public static Path write(List<Results> given, Path outDir) throws ResultsException {
        List<Results> folders = Results.distinctLabels(given);
        List<Summary> summaries = Summary.of(folders);
        try {
            Files.createDirectories(outDir.resolve(CHARTS));
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, outDir + ": cannot create: " + e.getMessage());
        }
        Path file = outDir.resolve(FILE);
        List<Charts.Chart> charts;
        try {
            charts = new ArrayList<>(Charts.render(summaries, folders.isEmpty() ? List.of()
                    : Charts.marks(folders.getFirst().machine())));
            charts.addAll(LatencyCharts.render(folders, charts.size() + 1));
            Charts.Chart fd = LabReport.fdTableChart(folders, String.format(java.util.Locale.ROOT,
                    "ratio-%02d-shared-over-private-fd-table", charts.size() + 1), folders.isEmpty() ? List.of()
                    : Charts.marks(folders.getFirst().machine()));
            if (fd != null) {
                charts.add(fd);
            }
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.IO, outDir.resolve(CHARTS) + ": cannot render the"
                    + " charts: " + reason(e));
        }
        for (Charts.Chart c : charts) {
            write(outDir.resolve(CHARTS).resolve(c.fileStem() + ".png"), c.png());
            write(outDir.resolve(CHARTS).resolve(c.fileStem() + ".svg"), c.svg());
        }
        write(file, html(folders, summaries, charts).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes one file of the report; a failure names that file (a chart, or report.html). */
    private static void write(Path file, byte[] bytes) throws ResultsException {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.IO, file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String html(List<Results> folders, List<Summary> summaries, List<Charts.Chart> charts) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>ipclab report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1600px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}")
                .append("th{background:#f0f0f0}td.l,th.l{text-align:left}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;flex:1 1 560px;max-width:")
                .append(Charts.WIDTH).append("px}img.chart{width:100%;height:auto}")
                .append("figcaption{font-size:.9em}tr.flag td{background:#fff4d6}.warn{color:#a40}")
                .append("\n</style>\n</head>\n<body>\n<h1>ipclab report</h1>\n<p>Generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" from ").append(folders.size())
                .append(folders.size() == 1 ? " results folder" : " results folders")
                .append(". Bandwidth is bytes moved over the timed region (CLOCK_MONOTONIC), in MiB/s"
                        + " (1 MiB = 1,048,576 bytes); warm-up trials are left out.</p>\n");
        // The charts first, so that the first screen shows one; the folders' machines and plans after.
        b.append("<h2>Charts</h2>\n<p>Median of the measured trials, with the 95% confidence interval of the"
                + " median (order statistics) as error bars; log2 buffer size, log bandwidth. -s off solid, -s on"
                + " dashed; a gap is a size whose trials all failed or did not run. Dotted lines: the pipe capacity"
                + " and the caches of the first folder's machine.</p>\n"
                + "<div class=\"charts\">\n");
        for (Charts.Chart c : charts) {
            b.append("<figure><img class=\"chart\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                    .append(Charts.HEIGHT).append("\" alt=\"").append(esc(c.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(c.png()))
                    .append("\"><figcaption>").append(esc(c.title())).append(": <a href=\"").append(CHARTS)
                    .append('/').append(c.fileStem()).append(".svg\">SVG</a>, <a href=\"").append(CHARTS)
                    .append('/').append(c.fileStem()).append(".png\">PNG</a></figcaption></figure>\n");
        }
        b.append("</div>\n");
        for (Results r : folders) {
            source(b, r);
        }
        // What not to believe as it stands, before the tables it is about.
        b.append(SummaryFlags.html(summaries));
        b.append("<h2>Summary</h2>\n<p>Per configuration: n measured trials, median and its 95% CI,"
                + " mean and its 95% CI (Student's t), interquartile range, coefficient of variation (sd/mean),"
                + " min and max. Outliers lie beyond Tukey's fences (1.5 IQR outside the quartiles); they are"
                + " counted, kept in every statistic, and their rows highlighted.</p>\n");
        tables(b, summaries, folders.size() > 1);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    static void source(StringBuilder b, Results r) {
        b.append("<h2>").append(esc(r.label())).append("</h2>\n<table class=\"machine\">\n");
        row(b, "folder", r.folder().toAbsolutePath().normalize().toString());
        row(b, "started", String.valueOf(r.metadata().get("started")));
        row(b, "seed", String.valueOf(r.plan().seed()));
        row(b, "plan", plan(r));
        long measured = r.trials().stream().filter(t -> !t.warmup()).count();
        row(b, "trials", measured + " measured, " + (r.trials().size() - measured) + " warm-up, of "
                + r.configurations().size() * (r.plan().trials() + r.plan().warmupTrials()) + " planned");
        for (Map.Entry<String, Object> e : r.machine().entrySet()) {
            if (e.getValue() instanceof Map) {
                continue; // the whole description (describe -j's sections): in metadata.json, not this table
            }
            row(b, e.getKey().replace('_', ' '), String.valueOf(e.getValue()));
        }
        if (r.metadata().get("method") instanceof Map<?, ?> method) {
            for (Map.Entry<?, ?> e : method.entrySet()) {
                // "method: trials", not a second row named "trials"
                row(b, "method: " + String.valueOf(e.getKey()).replace('_', ' '), String.valueOf(e.getValue()));
            }
        }
        row(b, "ipclab", String.valueOf(r.metadata().get("ipclab_version")));
        b.append("</table>\n");
        for (String w : r.warnings()) {
            b.append("<p class=\"warn\">").append(esc(w)).append("</p>\n");
        }
        failures(b, r);
    }

    /** Each configuration with failed trials, how many, and the first reason given. */
    private static void failures(StringBuilder b, Results r) {
        Map<ipclab.experiment.ConfigKey, List<ipclab.experiment.TrialRecord>> failed = new java.util.TreeMap<>();
        for (ipclab.experiment.TrialRecord t : r.trials()) {
            if (t.failed()) {
                failed.computeIfAbsent(t.key(), k -> new java.util.ArrayList<>()).add(t);
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        b.append("<p class=\"warn\">Failed trials (kept in the results files with their error, left out of the"
                + " statistics):</p>\n<ul class=\"failures\">\n");
        failed.forEach((key, trials) -> b.append("<li>").append(esc(key.describe())).append(": ")
                .append(trials.size()).append(" failed; ").append(esc(trials.getFirst().error())).append("</li>\n"));
        b.append("</ul>\n");
    }

    private static String plan(Results r) {
        var p = r.plan();
        return "modes " + p.modes() + ", IPC " + p.mechanisms() + ", buffers " + Sizes.format(p.bufferSizes().getFirst())
                + ".." + Sizes.format(p.bufferSizes().getLast()) + " (" + p.bufferSizes().size() + " sizes), -s "
                + p.socketBuffers().stream().map(s -> s ? "on" : "off").toList() + ", descriptor tables "
                + p.sharedFdTables().stream().map(s -> s ? "shared" : "private").toList() + ", " + p.trials()
                + " trials after " + p.warmupTrials() + " warm-up, "
                + (p.totalBytes() > 0 ? "total " + Sizes.format(p.totalBytes()) + " per trial"
                        : "each trial at least " + p.minTimeMillis() + " ms");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td class=\"l\">").append(esc(value))
                .append("</td></tr>\n");
    }

    static void tables(StringBuilder b, List<Summary> summaries, boolean several) {
        String last = null;
        for (Summary s : summaries) {
            String heading = (several ? s.source() + ": " : "") + s.group();
            if (!heading.equals(last)) {
                if (last != null) {
                    b.append("</tbody></table>\n");
                }
                b.append("<h3>").append(esc(heading)).append("</h3>\n<table class=\"summary\"><thead><tr>")
                        .append("<th>buffer</th><th>n</th><th>median ").append(esc(s.metric().shownUnit()))
                        .append("</th><th>95% CI of median</th><th>mean ").append(esc(s.metric().shownUnit()))
                        .append("</th><th>95% CI of mean</th><th>IQR</th><th>CV</th>")
                        .append("<th>min..max</th><th>outliers</th><th>failed</th></tr></thead><tbody>\n");
                last = heading;
            }
            Stats t = s.stats();
            b.append("<tr class=\"config").append(t != null && t.outliers() > 0 ? " flag" : "").append("\"><td>")
                    .append(Sizes.format(s.key().bufferSizeBytes())).append("</td>");
            if (t == null) {
                b.append("<td>0</td><td colspan=\"8\"></td><td>").append(s.failures()).append("</td></tr>\n");
                continue;
            }
            Metric m = s.metric();
            cell(b, String.valueOf(t.n()));
            cell(b, SummaryFormat.shown(m, t.median()));
            cell(b, SummaryFormat.shown(m, t.medianCiLow()) + ".." + SummaryFormat.shown(m, t.medianCiHigh()));
            cell(b, SummaryFormat.shown(m, t.mean()));
            cell(b, SummaryFormat.shown(m, t.meanCiLow()) + ".." + SummaryFormat.shown(m, t.meanCiHigh()));
            cell(b, SummaryFormat.shown(m, t.iqr()));
            cell(b, SummaryFormat.percent(t.cv()));
            cell(b, SummaryFormat.shown(m, t.min()) + ".." + SummaryFormat.shown(m, t.max()));
            cell(b, String.valueOf(t.outliers()));
            cell(b, String.valueOf(s.failures()));
            b.append("</tr>\n");
        }
        if (last != null) {
            b.append("</tbody></table>\n");
        }
    }

    private static void cell(StringBuilder b, String text) {
        b.append("<td>").append(esc(text)).append("</td>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
