package ipclab.experiment.lab;

import ipclab.bench.Benchmark;
import ipclab.experiment.ConfigKey;
import ipclab.experiment.probe.ProbeEffectStudy;
import ipclab.experiment.probe.TracerComparison;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.run.RunListener;
import ipclab.trace.TraceData;
import ipclab.trace.TracerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's probe-effect study at one buffer size: 2thread pipe, each run sized from an untraced
 * pilot so that it lasts about {@link LabPlan#probeRunMillis} (at the old default, 16 MiB, a run lasts
 * about 5 ms, and a user saw traced/untraced ratios of 1.3 and 1.6: noise), then {@link ProbeEffectStudy}'s interleaved
 * pairs for each tracer.
 */
public final class LabProbe {
    /** Runs of a study are at least this long in bytes, and at most this. */
    static final long MIN_BYTES = 1L << 20;
    static final long MAX_BYTES = 4L << 30;

    private LabProbe() {}

    /** Bytes for a run of {@code millis} at {@code kibPerSec}, a multiple of the buffer, within bounds. */
    public static long sizeFor(double kibPerSec, int millis, int bufferSizeBytes) {
        double bytes = kibPerSec * 1024 * millis / 1000.0;
        long total = (long) Math.max(MIN_BYTES, Math.min(MAX_BYTES, bytes));
        total -= total % bufferSizeBytes;
        return Math.max(total, bufferSizeBytes);
    }

    /** The study's configuration at {@code bufferSizeBytes}, sized by a pilot of two untraced runs. */
    public static BenchConfig sized(int bufferSizeBytes, int millis) throws Exception {
        ConfigKey key = new ConfigKey(Mode.TWO_THREAD, LabPlan.probeMechanism(), bufferSizeBytes, false, 0, List.of());
        return sized(key.toConfig(MIN_BYTES), millis);
    }

    /** {@code config} with its total size picked from two bare untraced pilot runs to last about {@code millis}. */
    public static BenchConfig sized(BenchConfig config, int millis) throws Exception {
        ConfigKey key = ConfigKey.of(config);
        int buffer = config.bufferSizeBytes();
        double best = 0;
        long pilot = sizeFor(0, 0, buffer) * 8;
        pilot -= pilot % buffer;
        try (Benchmark b = new Benchmark(key.toConfig(Math.max(pilot, buffer)))) {
            b.prepare();
            for (int i = 0; i < 2; i++) {
                best = Math.max(best, b.measure(i, RunListener.NONE).kibPerSec());
            }
        }
        BenchConfig sized = key.toConfig(sizeFor(best, millis, buffer));
        return new BenchConfig(sized.mode(), sized.mechanism(), buffer, sized.totalSizeBytes(), config.tcpPort(),
                config.socketBuffers(), config.pipeSizeBytes(), config.bare(), config.cpus(), config.sharedFdTable(),
                config.workload());
    }

    /** The study's rows for {@code config}, one per pair of each tracer. */
    public static List<ProbeRow> run(BenchConfig config, List<TracerKind> tracers, int pairs, Duration attachTimeout)
            throws Exception {
        List<ProbeEffectStudy.TracerFactory> factories = tracers.stream()
                .map(k -> ProbeEffectStudy.TracerFactory.of(k, config, attachTimeout)).toList();
        return rows(config, new ProbeEffectStudy(config, factories, pairs, 2).run());
    }

    /** A study's comparisons as rows of probe-effect.csv, one per pair of each tracer. */
    public static List<ProbeRow> rows(BenchConfig config, List<TracerComparison> study) {
        List<ProbeRow> rows = new ArrayList<>();
        for (TracerComparison c : study) {
            TraceData v = c.view();
            long calls = v == null || v.syscalls().isEmpty() ? -1 : v.calls("read") + v.calls("write");
            Long switches = v == null ? null : TracedRun.sum(v, ipclab.trace.ThreadSched::contextSwitches,
                    "context-switches");
            for (int i = 0; i < c.untraced().size(); i++) {
                rows.add(new ProbeRow(config.mode().label(), config.mechanism().name(), config.bufferSizeBytes(),
                        config.totalSizeBytes(), c.tracer(), i, c.untraced().get(i),
                        c.traced().get(i), c.medianAttachSeconds(), calls, switches == null ? -1 : switches));
            }
        }
        return rows;
    }
}
