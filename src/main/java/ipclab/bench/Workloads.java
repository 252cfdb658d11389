package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.run.Workload;
import ipclab.workload.latency.LatencyWorkload;
import ipclab.workload.stream.StreamWorkload;
import java.util.List;
import java.util.Optional;

/**
 * The registry of workloads, one line each, in the order sweeps and reports take them. A
 * configuration names its workload ({@code BenchConfig.workload}); ipc-static's stream is the
 * default.
 */
public final class Workloads {
    private static final List<Workload> ALL = List.of(StreamWorkload.INSTANCE, LatencyWorkload.INSTANCE);

    private Workloads() {}

    public static List<Workload> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** The metric called {@code name} of any workload: {@code kib_per_sec}, {@code rtt_p50_ns}. */
    public static Optional<ipclab.model.Metric> metric(String name) {
        return all().stream().flatMap(w -> w.metrics().stream()).filter(m -> m.name().equals(name)).findFirst();
    }

    public static Optional<Workload> byName(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The workload {@code config} runs; IllegalArgumentException naming the known ones for another. */
    public static Workload of(BenchConfig config) {
        return byName(config.workload()).orElseThrow(() -> new IllegalArgumentException("unknown workload '"
                + config.workload() + "': use " + String.join(", ", names())));
    }
}
