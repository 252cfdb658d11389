package ipclab.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code perf stat -x, --per-thread} output: one CSV row per thread and event,
 * {@code comm-tid,count,unit,event,runtime,percent[,metric,metric unit]}. Comment lines
 * ({@code #}), blank lines and perf's "Events enabled/disabled" notes are skipped; a count of
 * {@code <not counted>} or {@code <not supported>} is left out.
 */
public final class PerfStatOutput {
    /** Counts by event, per tid. */
    private final Map<Integer, Map<String, Long>> counts = new LinkedHashMap<>();

    private PerfStatOutput() {}

    public static PerfStatOutput parse(List<String> lines) {
        PerfStatOutput o = new PerfStatOutput();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || !line.contains(",")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 4) {
                continue;
            }
            int dash = f[0].lastIndexOf('-');
            if (dash < 0) {
                continue;
            }
            int tid;
            long count;
            try {
                tid = Integer.parseInt(f[0].substring(dash + 1));
                // task-clock is in msec with a fraction; the others are whole counts.
                count = f[1].contains(".") ? Math.round(Double.parseDouble(f[1]) * 1e6) : Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            String event = f[3].equals("task-clock") ? "task-clock-ns" : f[3];
            o.counts.computeIfAbsent(tid, k -> new LinkedHashMap<>()).merge(event, count, Long::sum);
        }
        return o;
    }

    public Map<String, Long> forThread(int tid) {
        return counts.getOrDefault(tid, Map.of());
    }

    /** An event summed over the given threads. */
    public long sum(String event, Iterable<Integer> tids) {
        long s = 0;
        for (int tid : tids) {
            s += forThread(tid).getOrDefault(event, 0L);
        }
        return s;
    }
}
