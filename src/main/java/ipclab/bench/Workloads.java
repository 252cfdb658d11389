package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.run.Workload;
import ipclab.workload.stream.StreamWorkload;
import java.util.List;
import java.util.Optional;

/**
 * The registry of workloads, one line each. A configuration runs ipc-static's {@code stream}
 * until configurations name their workload (the latency workload adds that field).
 */
public final class Workloads {
    private static final List<Workload> ALL = List.of(StreamWorkload.INSTANCE);

    private Workloads() {}

    public static List<Workload> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    public static Optional<Workload> byName(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The workload {@code config} runs. */
    public static Workload of(BenchConfig config) {
        return ALL.getFirst();
    }
}
