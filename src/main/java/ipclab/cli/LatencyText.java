package ipclab.cli;

import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.probe.Clock;
import ipclab.workload.latency.LatencyWorkload;
import java.util.List;
import java.util.Locale;

/**
 * The latency workload's text: one line in ipc-static's spirit ({@code 12.81 us round trip (p50),
 * p99 50.54 us}) and the -v block. Numbers in {@link Locale#ROOT}, as {@link TextOutput}'s.
 */
final class LatencyText {
    private LatencyText() {}

    static String resultLine(Sample s) {
        return String.format(Locale.ROOT, "%s round trip (p50), p99 %s", us(s, LatencyWorkload.P50.name()),
                us(s, LatencyWorkload.P99.name()));
    }

    /** {@code 12.81 us}: a stored nanosecond field in microseconds. */
    static String us(Sample s, String field) {
        double ns = s.measuredValue(field);
        return Double.isNaN(ns) ? "?" : String.format(Locale.ROOT, "%.2f us", ns / 1000);
    }

    static String verboseBlock(Sample s, String warmup, int iterations) {
        BenchConfig c = s.config();
        StringBuilder b = new StringBuilder("Benchmark configuration:\n");
        line(b, "workload", "latency (round trips: one message each way)");
        line(b, "msgsize", c.bufferSizeBytes());
        line(b, "rounds", c.rounds());
        line(b, "mode", c.mode());
        line(b, "ipctype", c.mechanism() + (c.mechanism().duplex() ? " (one connection, both directions)"
                : " (one per direction)"));
        if (iterations > 1) {
            line(b, "iteration", s.iteration());
        }
        line(b, "time", String.format(Locale.ROOT, "%d.%09d", s.elapsedNanos() / 1_000_000_000L,
                s.elapsedNanos() % 1_000_000_000L));
        for (String granted : c.mechanism().describe(c.ipcSpec().exchanging(), s.granted())) {
            b.append("  ").append(granted).append('\n');
        }
        line(b, "fdtable", c.privateFdTable() ? "private to each benchmark thread (unshare(CLONE_FILES))"
                : c.mode() == Mode.TWO_THREAD ? "shared by the two threads" : "shared with the JVM's other threads");
        line(b, "reads", s.reads() + " (both ends)");
        line(b, "writes", s.writes() + " (both ends)");
        line(b, "rtt", String.join(", ", List.of(
                "min " + us(s, LatencyWorkload.MIN.name()), "p50 " + us(s, LatencyWorkload.P50.name()),
                "p90 " + us(s, LatencyWorkload.P90.name()), "p99 " + us(s, LatencyWorkload.P99.name()),
                "p99.9 " + us(s, LatencyWorkload.P999.name()), "p99.99 " + us(s, LatencyWorkload.P9999.name()),
                "max " + us(s, LatencyWorkload.MAX.name()))));
        line(b, "mean", us(s, LatencyWorkload.MEAN.name()) + " (the region's time / rounds, as lmbench and perf "
                + "print it)");
        line(b, "cpus", placement(s));
        line(b, "ran on", TextOutput.ranOn(s));
        line(b, "warmup", warmup);
        line(b, "clock", Clock.NAME + " (" + Clock.SOURCE + ")");
        line(b, "clockres", Clock.resolutionNanos() < 0 ? "unknown" : Clock.resolutionNanos() + " ns");
        Object pair = s.measured().get(LatencyWorkload.CLOCK_PAIR);
        line(b, "clockpair", pair + " ns (median cost of two System.nanoTime calls: the floor under every round "
                + "trip)");
        if (s.usage() != null) {
            var u = s.usage();
            line(b, "rusage", u.scope());
            line(b, "utime", TextOutput.seconds(u.userNanos()));
            line(b, "stime", TextOutput.seconds(u.systemNanos()));
            line(b, "nvcsw", u.voluntaryContextSwitches() + String.format(Locale.ROOT, " (%.2f per round trip)",
                    (double) u.voluntaryContextSwitches() / c.rounds()));
            line(b, "nivcsw", u.involuntaryContextSwitches());
            line(b, "migrations", u.migrations() < 0 ? "unknown" : u.migrations());
        }
        return b.toString();
    }

    /** What was asked and what the threads were allowed, initiator first. */
    private static String placement(Sample s) {
        return TextOutput.placement(s.config().cpus(), s.placement(), s.config().mode(), "initiator", "responder");
    }

    private static void line(StringBuilder b, String key, Object value) {
        TextOutput.line(b, key, value);
    }
}
