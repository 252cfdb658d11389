package ipclab.workload.latency;

import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Metric;
import ipclab.probe.RunProbes;
import ipclab.run.ChildHalf;
import ipclab.run.RunContext;
import ipclab.run.Timing;
import ipclab.run.Workload;
import ipclab.sys.Fd;
import ipclab.sys.Sched;
import java.util.List;
import java.util.Set;

/**
 * {@code latency}: round trips. The initiator sends a buffersize-byte message, the responder
 * reads it whole and sends it back; the initiator times each round trip (System.nanoTime around
 * its write and its read) into a histogram. 2thread and 2proc (the responder in the child) pay
 * two wake-ups per round trip; 1thread does both halves in one thread, the same system calls
 * without a wake-up: the floor of the decomposition. Its headline is the median round trip, in
 * ns (shown in us), lower is better; the sample keeps the other percentiles, the mean, the
 * histogram, and where each end ran.
 */
public final class LatencyWorkload implements Workload {
    public static final LatencyWorkload INSTANCE = new LatencyWorkload();
    public static final String NAME = "latency";
    /** The default message: 64 bytes, as lmbench's and perf's ping-pongs use small ones. */
    public static final int DEFAULT_MESSAGE_BYTES = 64;
    public static final long DEFAULT_ROUNDS = 100_000;
    public static final long MAX_ROUNDS = 1_000_000_000L;

    public static final Metric P50 = percentile("rtt_p50_ns", "median round trip");
    public static final Metric MIN = percentile("rtt_min_ns", "fastest round trip");
    public static final Metric P90 = percentile("rtt_p90_ns", "round trip, 90th percentile");
    public static final Metric P99 = percentile("rtt_p99_ns", "round trip, 99th percentile");
    public static final Metric P999 = percentile("rtt_p999_ns", "round trip, 99.9th percentile");
    public static final Metric P9999 = percentile("rtt_p9999_ns", "round trip, 99.99th percentile");
    public static final Metric MAX = percentile("rtt_max_ns", "slowest round trip");
    public static final Metric MEAN = percentile("rtt_mean_ns", "mean round trip");

    public static final String ROUNDS = "rounds";
    public static final String HISTOGRAM = "rtt_histogram";
    /** The ends as samples name them (where each ran: {@link ipclab.run.RanOn}). */
    public static final String INITIATOR = "initiator";
    public static final String RESPONDER = "responder";
    public static final String INITIATOR_CPU_START = "initiator_cpu_start";
    public static final String INITIATOR_CPU_END = "initiator_cpu_end";
    public static final String RESPONDER_CPU_START = "responder_cpu_start";
    public static final String RESPONDER_CPU_END = "responder_cpu_end";
    public static final String INITIATOR_MIGRATIONS = "initiator_migrations";
    public static final String RESPONDER_MIGRATIONS = "responder_migrations";
    public static final String CLOCK_PAIR = "clock_pair_ns";

    private LatencyWorkload() {}

    private static Metric percentile(String field, String quantity) {
        return new Metric(field, "ns", Metric.Direction.LOWER_IS_BETTER, quantity, "us", 1000,
                s -> s.measuredValue(field));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "round trips of one message each way, timed one by one: percentiles and histogram";
    }

    @Override
    public Set<Mode> modes() {
        return Set.of(Mode.values());
    }

    @Override
    public List<Metric> metrics() {
        return List.of(P50, MIN, P90, P99, P999, P9999, MAX, MEAN);
    }

    @Override
    public List<String> ends() {
        return List.of(INITIATOR, RESPONDER);
    }

    @Override
    public List<String> fields() {
        return List.of(ROUNDS, HISTOGRAM, INITIATOR_CPU_START, INITIATOR_CPU_END, RESPONDER_CPU_START,
                RESPONDER_CPU_END, INITIATOR_MIGRATIONS, RESPONDER_MIGRATIONS, CLOCK_PAIR);
    }

    /** Both directions of one run: TCP with TCP_NODELAY (a message must not wait for Nagle). */
    @Override
    public IpcSpec ipcSpec(BenchConfig config) {
        return config.ipcSpec().exchanging();
    }

    @Override
    public void linkSetUp() {
        Sched.linkGetCpu();
    }

    @Override
    public String warm(BenchConfig config, RunProbes probes) throws Exception {
        LatencyWarmup.Report report = config.mode() == Mode.ONE_THREAD
                ? LatencyWarmup.oneThread(ipcSpec(config), config.bufferSizeBytes())
                : LatencyWarmup.twoThreads(ipcSpec(config), config.bufferSizeBytes(), config.mode() == Mode.TWO_PROC
                        ? LatencyWarmup.Loops.INITIATOR : LatencyWarmup.Loops.BOTH);
        return LatencyWarmup.describe(config.mode(), config.bufferSizeBytes(), report);
    }

    /**
     * A fifth of the stream's second: a round trip's histogram shows a disturbance in its tail
     * instead of averaging it into the result, and the default run must stay short.
     */
    @Override
    public long settleMillis() {
        return 200;
    }

    @Override
    public void warmChild(BenchConfig config, RunProbes probes) throws Exception {
        LatencyWarmup.twoThreads(ipcSpec(config), config.bufferSizeBytes(), LatencyWarmup.Loops.RESPONDER);
    }

    @Override
    public Timing run(RunContext context) throws Exception {
        return RoundTrips.run(context, ipcSpec(context.config()));
    }

    @Override
    public ChildHalf childHalf(BenchConfig config, RunProbes probes, Fd[] ends) throws Exception {
        if (ends.length < 1 || ends.length > 2) {
            throw new IllegalArgumentException("the latency responder takes one or two ends, not " + ends.length);
        }
        return new LatencyChildHalf(config, ipcSpec(config).transfer(ends), ends[0].value(),
                ends[ends.length - 1].value());
    }

    @Override
    public String toString() {
        return name();
    }
}
