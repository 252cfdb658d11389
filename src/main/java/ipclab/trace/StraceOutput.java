package ipclab.trace;

import ipclab.probe.RegionMarker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code strace -C -T -s 0 -o FILE -p TID...} wrote: one line per call (with the
 * thread id first when more than one thread is traced; an interrupted call as an
 * {@code <unfinished ...>} line and a {@code <... resumed>} line), then {@code -c}'s summary
 * table. Per thread, only the calls between its region markers count; the summary table (which
 * covers the whole attachment) is kept as text.
 */
public final class StraceOutput {
    private static final Pattern LINE = Pattern.compile("^(?:(\\d+)\\s+)?(.*)$");
    private static final Pattern CALL = Pattern.compile("^([a-z0-9_]+)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)$");
    private static final Pattern RESULT =
            Pattern.compile("^(.*)\\) += (-?\\d+|\\?|0x[0-9a-f]+)(?: ([A-Z][A-Z0-9_]*) \\(.*?\\))?.*?(?: <(\\d+\\.\\d+)>)?$");

    private final Map<String, Acc> calls = new LinkedHashMap<>();
    private final StringBuilder summary = new StringBuilder();

    private static final class Acc {
        long calls;
        final Map<String, Long> errors = new TreeMap<>();
        final Log2Histogram.Builder latency = new Log2Histogram.Builder();
        long totalNanos;
        Log2Histogram.Builder requested;
        Log2Histogram.Builder returned;
    }

    private StraceOutput() {}

    /** @param singleTid the thread traced when only one was (lines then carry no id), else -1 */
    public static StraceOutput parse(List<String> lines, int singleTid) {
        StraceOutput o = new StraceOutput();
        Map<Integer, String> pending = new HashMap<>();
        Map<Integer, Boolean> inRegion = new HashMap<>();
        String start = "-1, " + RegionMarker.START + ",";
        String end = "-1, " + RegionMarker.END + ",";
        boolean inSummary = false;
        for (String raw : lines) {
            if (inSummary || raw.startsWith("% time")) {
                inSummary = true;
                o.summary.append(raw).append('\n');
                continue;
            }
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            int tid = m.group(1) != null ? Integer.parseInt(m.group(1)) : singleTid;
            String rest = m.group(2);
            String whole;
            Matcher resumed = RESUMED.matcher(rest);
            if (resumed.matches()) {
                String begun = pending.remove(tid);
                if (begun == null) {
                    continue;
                }
                whole = begun + resumed.group(2);
            } else if (rest.endsWith("<unfinished ...>")) {
                pending.put(tid, rest.substring(0, rest.length() - "<unfinished ...>".length()));
                continue;
            } else {
                whole = rest;
            }
            Matcher call = CALL.matcher(whole);
            if (!call.matches()) {
                continue;
            }
            String name = call.group(1);
            String args = call.group(2);
            if (name.equals("lseek") && args.startsWith(start)) {
                inRegion.put(tid, true);
                continue;
            }
            if (name.equals("lseek") && args.startsWith(end)) {
                inRegion.remove(tid);
                continue;
            }
            if (!inRegion.getOrDefault(tid, false)) {
                continue;
            }
            Matcher r = RESULT.matcher(args);
            if (!r.matches()) {
                continue;
            }
            o.add(name, r.group(1), r.group(2), r.group(3), r.group(4));
        }
        return o;
    }

    private void add(String name, String args, String ret, String errno, String seconds) {
        Acc a = calls.computeIfAbsent(name, k -> new Acc());
        a.calls++;
        if (errno != null) {
            a.errors.merge(errno, 1L, Long::sum);
        }
        if (seconds != null) {
            long ns = Math.round(Double.parseDouble(seconds) * 1e9);
            a.latency.add(ns);
            a.totalNanos += ns;
        }
        if (name.equals("read") || name.equals("write")) {
            if (a.requested == null) {
                a.requested = new Log2Histogram.Builder();
                a.returned = new Log2Histogram.Builder();
            }
            String[] parts = args.split(", ");
            try {
                a.requested.add(Long.parseLong(parts[parts.length - 1].strip()));
            } catch (NumberFormatException e) {
                // an argument strace could not print as a number
            }
            if (errno == null && !ret.equals("?")) {
                a.returned.add(Long.decode(ret));
            }
        }
    }

    public Map<String, SyscallStats> syscalls() {
        Map<String, SyscallStats> out = new LinkedHashMap<>();
        calls.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().calls, x.getValue().calls))
                .forEach(e -> {
                    Acc a = e.getValue();
                    out.put(e.getKey(), new SyscallStats(e.getKey(), a.calls, a.errors, a.latency.build(),
                            a.totalNanos, a.requested == null ? null : a.requested.build(),
                            a.returned == null ? null : a.returned.build()));
                });
        return out;
    }

    /** strace -c's table over the whole attachment, as strace printed it. */
    public String summary() {
        return summary.toString();
    }
}
