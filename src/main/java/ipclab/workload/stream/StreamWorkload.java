package ipclab.workload.stream;

import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Blocks;
import ipclab.model.Metric;
import ipclab.probe.RunProbes;
import ipclab.run.ChildHalf;
import ipclab.run.RanOn;
import ipclab.run.RunContext;
import ipclab.sys.Fd;
import ipclab.run.Timing;
import ipclab.run.Workload;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stream}: ipc-static's bandwidth workload. The sender writes totalsize bytes a buffer at
 * a time, the receiver reads them; 1thread does both, non-blocking, with poll(2). Its metric is
 * the bandwidth of the timed region in KiB/s (shown as MiB/s), higher is better.
 */
public final class StreamWorkload implements Workload {
    public static final StreamWorkload INSTANCE = new StreamWorkload();

    /** Bytes over the timed region, KiB (1024 bytes) per second, as ipc-static prints it. */
    public static final Metric BANDWIDTH = new Metric("kib_per_sec", "KiB/s", Metric.Direction.HIGHER_IS_BETTER,
            "bandwidth", "MiB/s", 1024, s -> Blocks.kibPerSec(s.bytes(), s.elapsedNanos()));

    /**
     * Datagrams sent and never received, for a mechanism that drops them (UDP); null for the
     * others. The bandwidth is then of what arrived ({@code bytes}).
     */
    public static final String DROPS = "drops";

    /** The ends as samples name them (where each ran: {@link RanOn}). */
    public static final String RECEIVER = "receiver";
    public static final String SENDER = "sender";

    private StreamWorkload() {}

    @Override
    public List<String> fields() {
        List<String> fields = new java.util.ArrayList<>(List.of(DROPS));
        fields.addAll(RanOn.fields(RECEIVER));
        fields.addAll(RanOn.fields(SENDER));
        return List.copyOf(fields);
    }

    @Override
    public List<String> ends() {
        return List.of(RECEIVER, SENDER);
    }

    @Override
    public void linkSetUp() {
        ipclab.sys.Sched.linkGetCpu();
    }

    /** What a run measured beside its counts: {@code more} (a lossy mechanism's drops), then where each end ran. */
    static Map<String, Object> measured(Map<String, Object> more, RanOn receiver, RanOn sender) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(more);
        receiver.put(m, RECEIVER);
        sender.put(m, SENDER);
        return m;
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String description() {
        return "ipc-static's bandwidth: totalsize bytes, a buffer per write(2)";
    }

    @Override
    public Set<Mode> modes() {
        return Set.of(Mode.values());
    }

    @Override
    public List<Metric> metrics() {
        return List.of(BANDWIDTH);
    }

    @Override
    public String warm(BenchConfig config, RunProbes probes) throws Exception {
        Warmup.Report warm = switch (config.mode()) {
            case ONE_THREAD -> Warmup.oneThread(config.ipcSpec(), config.bufferSizeBytes(), probes);
            case TWO_THREAD, TWO_PROC -> Warmup.twoThreads(config.ipcSpec(), config.bufferSizeBytes(), probes);
        };
        return Warmup.describe(config.mode(), config.bufferSizeBytes(), warm);
    }

    @Override
    public Timing run(RunContext context) throws Exception {
        try (StreamRun run = StreamRun.of(context)) {
            return switch (context.config().mode()) {
                case ONE_THREAD -> OneThreadRun.transfer(run);
                case TWO_THREAD -> TwoThreadRun.transfer(run);
                case TWO_PROC -> ProcessRun.transfer(run);
            };
        }
    }

    @Override
    public ChildHalf childHalf(BenchConfig config, RunProbes probes, Fd[] ends) throws Exception {
        if (ends.length != 1) {
            throw new IllegalArgumentException("the stream's child takes one end, not " + ends.length);
        }
        return new StreamChildHalf(config, probes, ends[0]);
    }

    @Override
    public String toString() {
        return name();
    }
}
