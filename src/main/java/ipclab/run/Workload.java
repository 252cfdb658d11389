package ipclab.run;

import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Metric;
import ipclab.probe.RunProbes;
import java.util.List;
import java.util.Set;

/**
 * A workload: what the two ends do with a mechanism, and what that measures. Each lives in a
 * package of its own under {@code ipclab.workload} and is listed once, in the registry
 * ({@code ipclab.bench.Workloads}); it owns its loops, warms them, runs one timed region on the
 * machinery of this package (workers, the 2proc child, placement, probes) and declares its
 * metrics, the first of which is its headline.
 */
public interface Workload {
    /** The name {@code --workload} and results use: {@code stream}. */
    String name();

    /** One line for the help. */
    String description();

    /** The modes it can run in. */
    Set<Mode> modes();

    /** Its metrics, the headline first. */
    List<Metric> metrics();

    default Metric headline() {
        return metrics().getFirst();
    }

    /**
     * Runs the very loops the timed region will use, untimed, until the JIT has compiled them
     * (not with -B).
     *
     * @return what was warmed, for the verbose block
     */
    String warm(BenchConfig config, RunProbes probes) throws Exception;

    /** Warms, in the 2proc child, the loops the child runs; by default as {@link #warm} does. */
    default void warmChild(BenchConfig config, RunProbes probes) throws Exception {
        warm(config, probes);
    }

    /**
     * How long to let the machine settle after warming and sync(2), before the first timed run:
     * ipc-static sleeps a second.
     */
    default long settleMillis() {
        return 1000;
    }

    /** One timed run of {@code run}'s configuration on its fresh endpoint pair. */
    Timing run(RunContext run) throws Exception;

    /**
     * The 2proc child's side of a run of {@code config}, on the {@code ends} the parent passed it
     * (in the order the workload's run offered them); the child owns them.
     */
    ChildHalf childHalf(BenchConfig config, RunProbes probes, ipclab.sys.Fd[] ends) throws Exception;

    /** The sample fields it fills beside its metrics ({@code Sample.measured}), in their order. */
    default List<String> fields() {
        return List.of();
    }

    /**
     * The names of its two ends as its samples record where each ran ({@link RanOn}'s fields,
     * which {@link #fields} includes): the end in this process first. 1thread records its one
     * thread as both.
     */
    default List<String> ends() {
        return List.of();
    }

    /** How to make the endpoint pair of a run of {@code config}. */
    default ipclab.ipc.IpcSpec ipcSpec(BenchConfig config) {
        return config.ipcSpec();
    }

    /** Links the calls its loops and their edges make beyond read and write, outside any timed region. */
    default void linkSetUp() {}
}
