package ipclab.trace;

import java.util.Locale;
import java.util.Map;

/**
 * Trace data as DTrace prints it: counts in columns, histograms as {@code quantize()} bars
 * (value, a bar of {@code @} characters 40 wide, count). Returns text; the caller prints it.
 */
public final class TraceText {
    private static final int BAR_WIDTH = 40;

    private TraceText() {}

    /**
     * The latency workload's decomposition: per round trip, the system calls of each kind and,
     * where the tracer saw them, the context switches and wake-ups of the benchmark's threads.
     */
    public static String perRoundTrip(TraceData d, long rounds) {
        if (rounds <= 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nper round trip (" + rounds + "):\n");
        for (SyscallStats s : d.syscalls().values()) {
            b.append(String.format(Locale.ROOT, "  %-20s %8.2f calls", s.name(), (double) s.calls() / rounds));
            if (s.totalNanos() != null && s.calls() > 0) {
                b.append(String.format(Locale.ROOT, "  %8.2f us in them", s.totalNanos() / 1e3 / rounds));
            }
            b.append('\n');
        }
        long switches = 0;
        long wakeups = 0;
        boolean sched = false;
        for (ThreadSched t : d.threads()) {
            if (t.contextSwitches() != null) {
                switches += t.contextSwitches();
                sched = true;
            }
            if (t.wakeups() != null) {
                wakeups += t.wakeups();
            }
        }
        if (sched) {
            b.append(String.format(Locale.ROOT, "  %-20s %8.2f%n", "context switches", (double) switches / rounds));
            b.append(String.format(Locale.ROOT, "  %-20s %8.2f%n", "wake-ups", (double) wakeups / rounds));
        }
        return b.toString();
    }

    public static String render(TraceData d) {
        StringBuilder b = new StringBuilder();
        b.append("tracer: ").append(d.tracer()).append(String.format(Locale.ROOT, " (attached in %.3f s)%n",
                d.attachNanos() / 1e9));
        b.append("scope: ").append(d.scope()).append('\n');
        if (!d.syscalls().isEmpty()) {
            b.append("\nsystem calls:\n");
            for (SyscallStats s : d.syscalls().values()) {
                b.append(String.format(Locale.ROOT, "  %-20s %12d", s.name(), s.calls()));
                if (s.totalNanos() != null) {
                    b.append(String.format(Locale.ROOT, "  %12.6f s", s.totalNanos() / 1e9));
                }
                if (!s.errors().isEmpty()) {
                    b.append("  errors:");
                    s.sortedErrors().forEach((e, n) -> b.append(' ').append(e).append('=').append(n));
                }
                b.append('\n');
            }
            for (SyscallStats s : d.syscalls().values()) {
                histogram(b, s.name() + ": requested bytes", s.requestedBytes());
                histogram(b, s.name() + ": returned bytes", s.returnedBytes());
                histogram(b, s.name() + ": latency (ns)", s.latencyNanos());
            }
        }
        if (!d.threads().isEmpty()) {
            b.append("\nscheduler, per benchmark thread:\n");
            b.append(String.format(Locale.ROOT, "  %-16s %8s %10s %10s %10s %12s%n", "thread", "tid", "switches",
                    "preempted", "wakeups", "page faults"));
            d.threads().forEach(t -> b.append(String.format(Locale.ROOT, "  %-16s %8d %10s %10s %10s %12s%n",
                    t.role(), t.tid(), orDash(t.contextSwitches()), orDash(t.preempted()), orDash(t.wakeups()),
                    orDash(t.pageFaults()))));
            d.threads().forEach(t -> histogram(b, t.role() + " " + t.tid() + ": time off CPU (ns)", t.offCpuNanos()));
        }
        if (!d.events().isEmpty()) {
            b.append("\ncounters:\n");
            for (Map.Entry<String, Long> e : d.events().entrySet()) {
                b.append(String.format(Locale.ROOT, "  %-32s %14d%n", e.getKey(), e.getValue()));
            }
        }
        if (!d.output().isEmpty()) {
            b.append('\n').append(d.output());
            if (!d.output().endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String orDash(Long v) {
        return v == null ? "-" : v.toString();
    }

    /** A quantize() block: the rows from the first to the last non-empty bucket, plus one empty row each side. */
    static void histogram(StringBuilder b, String title, Log2Histogram h) {
        if (h == null || h.total() == 0) {
            return;
        }
        long[] c = h.counts();
        int first = 0;
        while (c[first] == 0) {
            first++;
        }
        long total = h.total();
        b.append('\n').append("  ").append(title).append('\n');
        b.append(String.format(Locale.ROOT, "  %16s  %s %s%n", "value",
                "------------- Distribution -------------".substring(0, BAR_WIDTH), "count"));
        int from = Math.max(0, first - 1);
        for (int k = from; k <= c.length; k++) {
            long n = k < c.length ? c[k] : 0;
            int width = (int) Math.round((double) n * BAR_WIDTH / total);
            b.append(String.format(Locale.ROOT, "  %16d |%-40s %d%n", Log2Histogram.lowerBound(k), "@".repeat(width), n));
        }
    }
}
