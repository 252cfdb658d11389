package ipclab.report;

import static ipclab.report.HtmlReport.esc;
import static ipclab.report.LabReport.f;

import ipclab.experiment.Results;
import ipclab.experiment.Sizes;
import ipclab.experiment.lab.ProbeRow;
import ipclab.experiment.lab.TracedRow;
import ipclab.experiment.probe.RatioEstimate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The HTML of {@link LabReport}: one section per question of the lab, the machine and plan last. */
final class LabPage {
    private LabPage() {}

    static String html(Results results, List<Summary> summaries, List<TracedRow> traced, List<ProbeRow> probe,
            List<Charts.Mark> marks, Map<String, List<Charts.Chart>> figures) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ipclab lab: ")
                .append(esc(results.label())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1600px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}")
                .append("th{background:#f0f0f0}td.l,th.l{text-align:left}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;flex:1 1 560px;max-width:")
                .append(Charts.WIDTH).append("px}img.chart{width:100%;height:auto}")
                .append("figcaption{font-size:.9em}tr.flag td{background:#fff4d6}.warn{color:#a40}")
                .append("h2{margin-top:1.2em}.measured{background:#f6f8fa;padding:.5em 1em;border-left:3px solid #89a}")
                .append("\n</style>\n</head>\n<body>\n<h1>ipclab lab: ").append(esc(results.label())).append("</h1>\n")
                .append("<p>The lab's questions, each with the figure that answers it, what ipclab measured that"
                        + " explains it, and the data behind it. Bandwidth in MiB/s (1 MiB = 1,048,576 bytes) over the"
                        + " timed region; medians of the measured trials with their 95% interval. The data: ")
                .append("<a href=\"results.csv\">results.csv</a>, <a href=\"traced.csv\">traced.csv</a>, <a href=\""
                        + "probe-effect.csv\">probe-effect.csv</a>; the notebook <a href=\"ipclab.ipynb\">"
                        + "ipclab.ipynb</a> redraws every figure. Questions: <a href=\"#q1\">buffer size</a>,"
                        + " <a href=\"#q2\">-s</a>, <a href=\"#q3\">probe effect</a>, <a href=\"#q4\">scheduler</a>,"
                        + " <a href=\"#machine\">machine</a>.</p>\n");
        String markText = marks.isEmpty() ? "none known" : String.join(", ", marks.stream()
                .map(m -> m.label() + " " + Sizes.format(m.bytes())).toList());

        b.append("<h2 id=\"q1\">1. How does the buffer size affect IPC performance, and why?</h2>\n");
        figures(b, figures.get("q1"));
        b.append("<div class=\"measured\"><p>What ipclab measured (dotted lines on the charts: ").append(esc(markText))
                .append("):</p>\n<ul>\n");
        Map<String, TreeMap<Integer, Double>> medians = LabReport.medians(summaries);
        medians.forEach((series, line) -> {
            if (line.isEmpty()) {
                return;
            }
            int peak = line.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int level = LabReport.levelsOff(line);
            String near = LabReport.nearestMark(level, marks);
            double last = line.lastEntry().getValue();
            b.append("<li>").append(esc(series)).append(": ").append(f("%s MiB/s at %s, rising to %s MiB/s at %s",
                    LabReport.mib(line.firstEntry().getValue() * 1024), Sizes.format(line.firstKey()),
                    LabReport.mib(line.get(peak) * 1024), Sizes.format(peak)))
                    .append("; within 10% of its peak from ").append(Sizes.format(level))
                    .append(near.isEmpty() ? "" : ", near the " + esc(near))
                    .append(last < line.get(peak) * 0.9 ? f("; %.0f%% below the peak at %s", 100 * (1
                            - last / line.get(peak)), Sizes.format(line.lastKey())) : "").append("</li>\n");
        });
        b.append("</ul>\n");
        if (traced.isEmpty()) {
            b.append("<p>No traced runs (no counting tracer ran): a stream run writes total/buffer times, so the"
                    + " system calls per MiB halve with each doubling of the buffer; the sweep's bandwidth rises"
                    + " while the per-call cost dominates and levels off once copying does.</p>\n");
        } else {
            b.append("<p>Calls and switches counted by ").append(esc(traced.getFirst().tracer()))
                    .append(" in one traced run per configuration: each doubling of the buffer halves the calls per"
                            + " MiB; where the bandwidth stops rising, the fixed cost per call (the system call, the"
                            + " wake-up of the other side) has stopped mattering and the copy through the kernel"
                            + " (and the caches it runs in) decides.</p>\n");
            tracedTable(b, traced);
        }
        b.append("</div>\n<details><summary>The data: summary per configuration</summary>\n");
        HtmlReport.tables(b, summaries, false);
        b.append("</details>\n");

        b.append("<h2 id=\"q2\">2. Sockets with and without -s</h2>\n");
        figures(b, figures.get("q2"));
        b.append("<div class=\"measured\"><p>-s sets SO_SNDBUF and SO_RCVBUF to the buffer size: with small buffers"
                + " the socket holds less than the kernel's default (").append(esc(defaultSocketBuffer(results)))
                .append("), so the writer blocks and the reader is woken more often per byte.</p>\n<ul>\n");
        for (String p : LabReport.placements(results)) {
        for (ipclab.ipc.Mode m : ipclab.ipc.Mode.values()) {
            String mode = m.label();
            for (String socket : LabReport.mechanisms(true)) {
                TreeMap<Integer, Double> off = medians.get(mode + " " + socket + " -s off" + p);
                TreeMap<Integer, Double> on = medians.get(mode + " " + socket + " -s on" + p);
                if (off == null || on == null || off.isEmpty()) {
                    continue;
                }
                b.append("<li>").append(esc(mode + " " + socket + p)).append(": -s on / -s off ");
                List<String> parts = new java.util.ArrayList<>();
                off.forEach((size, v) -> {
                    if (on.containsKey(size)) {
                        parts.add(f("%.2f at %s", on.get(size) / v, Sizes.format(size)));
                    }
                });
                b.append(esc(String.join(", ", parts)));
                switchesNote(b, traced, mode, socket);
                b.append("</li>\n");
            }
        }
        }
        b.append("</ul></div>\n");

        b.append("<h2 id=\"q3\">3. What is the probe effect of tracing on the causal analysis?</h2>\n");
        if (probe.isEmpty()) {
            b.append("<p class=\"warn\">No probe-effect study in this folder (no tracer ran here).</p>\n");
        } else {
            figures(b, figures.get("q3"));
            probeSection(b, probe);
        }

        b.append("<h2 id=\"q4\">4. How do buffering and the scheduler interact?</h2>\n");
        figures(b, figures.get("q4"));
        b.append("<div class=\"measured\">");
        if (traced.isEmpty()) {
            b.append("<p>No traced runs: context switches were not counted.</p>");
        } else {
            b.append("<p>Context switches per read or write call, counted by ").append(esc(traced.getFirst().tracer()))
                    .append(": 1thread never waits for the other side (it polls), 2thread and 2proc block when the"
                            + " pipe or socket is full or empty, so each switch hands the CPU to the other side; with"
                            + " buffers at or above the pipe capacity a write fills it and must wait for the reader"
                            + " every time.</p>\n<ul>\n");
            Map<String, List<TracedRow>> bySeries = new java.util.LinkedHashMap<>();
            traced.forEach(r -> bySeries.computeIfAbsent(LabReport.name(r), n -> new java.util.ArrayList<>()).add(r));
            bySeries.forEach((series, rows) -> b.append("<li>").append(esc(series)).append(": ").append(esc(String.join(
                    ", ", rows.stream().map(r -> f("%.2f switches per call at %s", r.switchesPerCall(),
                            Sizes.format(r.bufferSizeBytes()))).toList()))).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("</div>\n<h2 id=\"machine\">The machine and the plan</h2>\n");
        HtmlReport.source(b, results);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void figures(StringBuilder b, List<Charts.Chart> charts) {
        b.append("<div class=\"charts\">\n");
        for (Charts.Chart c : charts) {
            b.append("<figure><img class=\"chart\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                    .append(Charts.HEIGHT).append("\" alt=\"").append(esc(c.title()))
                    .append("\" src=\"data:image/png;base64,").append(LabReport.png(c)).append("\"><figcaption>")
                    .append(esc(c.title())).append(": <a href=\"").append(HtmlReport.CHARTS).append('/')
                    .append(c.fileStem()).append(".svg\">SVG</a>, <a href=\"").append(HtmlReport.CHARTS).append('/')
                    .append(c.fileStem()).append(".png\">PNG</a></figcaption></figure>\n");
        }
        b.append("</div>\n");
    }

    private static void tracedTable(StringBuilder b, List<TracedRow> traced) {
        b.append("<table class=\"traced\"><thead><tr><th class=\"l\">configuration</th><th>buffer</th>"
                + "<th>MiB/s traced</th><th>read+write calls per MiB</th><th>bytes per read</th><th>polls</th>"
                + "<th>context switches</th><th>switches per call</th><th>wake-ups</th><th>page faults</th>"
                + "</tr></thead><tbody>\n");
        for (TracedRow r : traced) {
            b.append("<tr><td class=\"l\">").append(esc(LabReport.name(r))).append("</td><td>")
                    .append(Sizes.format(r.bufferSizeBytes())).append("</td><td>").append(SummaryFormat.mib(r.kibPerSec()))
                    .append("</td><td>").append(f("%.1f", r.callsPerMib())).append("</td><td>")
                    .append(f("%.0f", r.bytesPerRead())).append("</td><td>").append(r.polls()).append("</td><td>")
                    .append(text(r.contextSwitches())).append("</td><td>").append(Double.isNaN(r.switchesPerCall()) ? "-"
                            : f("%.3f", r.switchesPerCall())).append("</td><td>").append(text(r.wakeups()))
                    .append("</td><td>").append(text(r.pageFaults())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void switchesNote(StringBuilder b, List<TracedRow> traced, String mode, String socket) {
        List<String> notes = new java.util.ArrayList<>();
        for (TracedRow on : traced) {
            if (!on.mode().equals(mode) || !on.ipc().equals(socket) || !on.socketBuffers()) {
                continue;
            }
            traced.stream().filter(off -> off.mode().equals(mode) && off.ipc().equals(socket) && !off.socketBuffers()
                    && off.bufferSizeBytes() == on.bufferSizeBytes()).findFirst().ifPresent(off -> {
                        if (!Double.isNaN(on.switchesPerCall()) && !Double.isNaN(off.switchesPerCall())) {
                            notes.add(f("%.2f switches per call with -s, %.2f without, at %s", on.switchesPerCall(),
                                    off.switchesPerCall(), Sizes.format(on.bufferSizeBytes())));
                        }
                    });
        }
        if (!notes.isEmpty()) {
            b.append("; traced: ").append(esc(String.join("; ", notes)));
        }
    }

    private static void probeSection(StringBuilder b, List<ProbeRow> probe) {
        Map<String, TreeMap<Integer, RatioEstimate>> estimates = LabReport.estimates(probe);
        b.append("<div class=\"measured\"><p>Interleaved pairs of runs of 2thread pipe, one untraced and one traced,"
                + " the order alternating; each run sized from an untraced pilot to last about the same time at every"
                + " buffer size. A ratio below 1 is the bandwidth the tracer cost; bpftrace-idle attaches bpftrace"
                + " with no probe on the run, so its ratio is what starting a tracer costs by itself, and the"
                + " difference between it and another tracer is that tracer's probes.</p>\n");
        b.append("<table id=\"probe\"><thead><tr><th class=\"l\">tracer</th><th>buffer</th><th>run</th><th>pairs</th>"
                + "<th>ratio</th><th>95% CI</th><th>p (MWU)</th><th>attach s</th><th>calls it counted</th>"
                + "<th>switches it counted</th></tr></thead><tbody>\n");
        estimates.forEach((tracer, sizes) -> sizes.forEach((size, e) -> {
            ProbeRow any = probe.stream().filter(r -> r.tracer().equals(tracer) && r.bufferSizeBytes() == size)
                    .findFirst().orElseThrow();
            b.append("<tr><td class=\"l\">").append(esc(tracer)).append("</td><td>").append(Sizes.format(size))
                    .append("</td><td>").append(Sizes.format(any.totalBytes())).append("</td><td>").append(e.pairs())
                    .append("</td><td>").append(f("%.3f", e.medianRatio())).append("</td><td>")
                    .append(f("%.3f..%.3f", e.ciLow(), e.ciHigh()))
                    .append(e.ciCoverage() < 0.95 ? f(" <span class=\"warn\">(covers %.0f%%: too few pairs)</span>",
                            100 * e.ciCoverage()) : "").append("</td><td>").append(f("%.4f", e.mannWhitneyP()))
                    .append("</td><td>").append(f("%.2f", any.attachSeconds())).append("</td><td>")
                    .append(any.seenCalls() < 0 ? "-" : String.valueOf(any.seenCalls())).append("</td><td>")
                    .append(any.seenSwitches() < 0 ? "-" : String.valueOf(any.seenSwitches())).append("</td></tr>\n");
        }));
        b.append("</tbody></table></div>\n");
    }

    private static String defaultSocketBuffer(Results r) {
        if (r.machine().get("description") instanceof Map<?, ?> d && d.get("ipc_limits") instanceof Map<?, ?> l
                && l.get("net_core_wmem_default_bytes") instanceof Number n) {
            return "net.core.wmem_default " + Sizes.format(n.longValue());
        }
        return "net.core.wmem_default, not recorded";
    }

    private static String text(Long v) {
        return v == null ? "-" : v.toString();
    }
}
