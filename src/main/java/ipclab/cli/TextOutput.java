package ipclab.cli;

import ipclab.model.BenchConfig;
import ipclab.probe.Clock;
import ipclab.ipc.Mode;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.Sample;
import ipclab.sys.CpuSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ipc-static's text output: the result line and the -v block. Numbers are formatted in
 * {@link Locale#ROOT}, so a comma-decimal locale never changes what scripts parse.
 */
final class TextOutput {
    private TextOutput() {}

    /** How an invocation ran besides its configuration, for the -v block. */
    record Notes(String warmup, int iterations, String recording) {}

    static String resultLine(Sample sample) {
        return String.format(Locale.ROOT, "%.2f KBytes/sec", sample.kibPerSec());
    }

    /** The -v block of a single run, as ipc-static prints it, with ipclab's lines after. */
    static String verboseBlock(Sample sample, String warmup) {
        return verboseBlock(sample, new Notes(warmup, 1, null));
    }

    /**
     * The configuration block of one run. ipc-static's lines come first, unchanged; ipclab's
     * additions follow (they may be added to, never removed or renamed).
     */
    static String verboseBlock(Sample sample, Notes notes) {
        StringBuilder b = new StringBuilder("Benchmark configuration:\n");
        configLines(b, sample.config());
        runLines(b, sample);
        setupLines(b, notes);
        probeLines(b, sample);
        return b.toString();
    }

    /**
     * With -n above 1: the configuration once (no per-run lines), then {@link #iterationBlock}
     * for each run.
     */
    static String configurationBlock(BenchConfig config, Notes notes) {
        StringBuilder b = new StringBuilder("Benchmark configuration:\n");
        configLines(b, config);
        setupLines(b, notes);
        return b.toString();
    }

    /** One run of several: a heading {@code Iteration i:} and the run's own lines. */
    static String iterationBlock(Sample sample) {
        StringBuilder b = new StringBuilder("Iteration ").append(sample.iteration()).append(":\n");
        runLines(b, sample);
        probeLines(b, sample);
        return b.toString();
    }

    private static void configLines(StringBuilder b, BenchConfig c) {
        line(b, "buffersize", c.bufferSizeBytes());
        line(b, "totalsize", c.totalSizeBytes());
        line(b, "blockcount", c.blockCount());
        line(b, "mode", c.mode());
        line(b, "ipctype", c.mechanism());
    }

    private static void runLines(StringBuilder b, Sample sample) {
        var c = sample.config();
        line(b, "time", String.format(Locale.ROOT, "%d.%09d", sample.elapsedNanos() / 1_000_000_000L,
                sample.elapsedNanos() % 1_000_000_000L));
        for (String granted : c.mechanism().describe(c.ipcSpec(), sample.granted())) {
            b.append("  ").append(granted).append('\n');
        }
        line(b, "fdtable", c.privateFdTable()
                ? "private to each benchmark thread (unshare(CLONE_FILES), as ipc-static's single-threaded process)"
                : c.mode() == Mode.TWO_THREAD ? "shared by the two threads (as in ipc-static)"
                : "shared with the JVM's other threads (--shared-fd-table)");
        line(b, "reads", sample.reads());
        line(b, "writes", sample.writes());
        if (c.mode() == Mode.ONE_THREAD) {
            line(b, "polls", sample.polls());
        }
        // The unit sweeps, reports and compare speak; the result line keeps ipc-static's KBytes/sec.
        Object drops = sample.measured().get("drops");
        if (drops instanceof Long d) {
            // A mechanism that drops (udp): what arrived, and the bandwidth is of that.
            line(b, "drops", d + " of " + c.blockCount() + " datagrams (sent, never received)");
            line(b, "received", sample.bytes() + " of " + c.totalSizeBytes() + " bytes");
        }
        line(b, "bandwidth", String.format(Locale.ROOT, "%.2f MiB/s", sample.kibPerSec() / 1024)
                + (drops instanceof Long d && d > 0 ? " (of what arrived)" : ""));
    }

    private static void setupLines(StringBuilder b, Notes notes) {
        line(b, "warmup", notes.warmup());
        line(b, "clock", Clock.NAME + " (" + Clock.SOURCE + ")");
        line(b, "clockres", Clock.resolutionNanos() < 0 ? "unknown" : Clock.resolutionNanos() + " ns");
        line(b, "iterations", notes.iterations());
        if (notes.recording() != null) {
            line(b, "jfr", notes.recording());
        }
    }

    /** Placement in force and, with -g, the resource usage of the timed region. */
    private static void probeLines(StringBuilder b, Sample sample) {
        line(b, "cpus", placement(sample.config().cpus(), sample.placement(), sample.config().mode()));
        line(b, "ran on", ranOn(sample));
        ResourceUsage u = sample.usage();
        if (u != null) {
            line(b, "rusage", u.scope());
            line(b, "utime", seconds(u.userNanos()));
            line(b, "stime", seconds(u.systemNanos()));
            line(b, "nvcsw", u.voluntaryContextSwitches());
            line(b, "nivcsw", u.involuntaryContextSwitches());
            line(b, "minflt", u.minorFaults());
            line(b, "majflt", u.majorFaults());
            line(b, "migrations", u.migrations() < 0 ? "unknown (no /proc/<tid>/sched)" : u.migrations());
            line(b, "oncpu", u.onCpuNanos() < 0 ? "unknown"
                    : String.format(Locale.ROOT, "%d.%09d s", u.onCpuNanos() / 1_000_000_000L,
                            u.onCpuNanos() % 1_000_000_000L));
        }
    }

    /**
     * Where each end actually ran at its region's edges (sched_getcpu), and how often it moved:
     * {@code receiver CPU 0 at start, 0 at end, migrations 0; sender ...}, one thread in 1thread.
     */
    static String ranOn(Sample s) {
        List<String> ends = ipclab.bench.Workloads.of(s.config()).ends();
        if (ends.isEmpty()) {
            return "unknown";
        }
        String first = side(ipclab.run.RanOn.of(s.measured(), ends.get(0)));
        if (s.config().mode() == Mode.ONE_THREAD) {
            return "thread " + first;
        }
        return ends.get(0) + " " + first + "; " + ends.get(1) + " " + side(ipclab.run.RanOn.of(s.measured(),
                ends.get(1)));
    }

    private static String side(ipclab.run.RanOn r) {
        return "CPU " + (r.cpuAtStart() < 0 ? "?" : r.cpuAtStart()) + " at start, "
                + (r.cpuAtEnd() < 0 ? "?" : r.cpuAtEnd()) + " at end, "
                + (r.migrations() < 0 ? "migrations unknown" : "migrations " + r.migrations());
    }

    /** {@code receiver on 0, sender on 1 (--cpus 0,1)} or {@code unpinned (receiver 0-3, sender 0-3)}. */
    static String placement(List<Integer> asked, Placement p, Mode mode) {
        return placement(asked, p, mode, "receiver", "sender");
    }

    /** As {@link #placement(List, Placement, Mode)}, the two ends named (the latency workload's initiator and responder). */
    static String placement(List<Integer> asked, Placement p, Mode mode, String receiver, String sender) {
        String ends = mode == Mode.ONE_THREAD
                ? "thread on " + list(p.receiverCpus())
                : receiver + " on " + list(p.receiverCpus()) + ", " + sender + " on " + list(p.senderCpus());
        if (asked.isEmpty()) {
            return "unpinned (" + ends + ")";
        }
        return ends + " (--cpus " + String.join(",", asked.stream().map(String::valueOf).toList()) + ")";
    }

    private static String list(List<Integer> cpus) {
        return cpus.isEmpty() ? "?" : CpuSet.formatList(cpus);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%d.%06d s", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1000);
    }

    /** {@code ipclab describe}: one section per heading, one {@code key: value} line per fact. */
    static String description(Map<String, ? extends Map<String, ?>> sections) {
        StringBuilder b = new StringBuilder();
        sections.forEach((name, facts) -> {
            b.append(name).append(":\n");
            facts.forEach((key, value) -> line(b, key, value instanceof Map<?, ?> m ? flat(m) : flatList(value)));
        });
        return b.toString();
    }

    private static String flat(Map<?, ?> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    private static Object flatList(Object value) {
        return value instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : value;
    }

    static void line(StringBuilder b, String key, Object value) {
        b.append("  ").append(key).append(": ").append(value).append('\n');
    }
}
