package ipclab.run;

/**
 * The 2proc child's side of one run of a workload: made in the child from the run's configuration
 * and the ends the parent handed over, warmed there, run on the child's worker thread once the
 * parent says go, and reported back. (It is warmed by the workload's own {@code warm}, the same
 * as the parent's.) The child's main (above this package, where every workload
 * is known) does the rest the same for every workload: placement, the private descriptor table,
 * -g's usage around {@link #run}, the conversation with the parent.
 */
public interface ChildHalf extends AutoCloseable {
    /** The most words {@link #report} may return (the control message's words after the usage's). */
    int REPORT_WORDS = ControlChannel.WORDS - ipclab.probe.ThreadUsage.WORDS;

    /** What the worker does after go and before the measured {@link #run} (ipc-static's sleep). */
    default void beforeRun() throws Exception {}

    /** The child's half of the timed run, on its worker thread; allocates nothing in its loop. */
    void run() throws Exception;

    /** What the parent is told after the run: at most {@link #REPORT_WORDS} longs, as the workload reads them. */
    long[] report();

    /** Frees what the half allocated (its buffers); the ends are the caller's. */
    @Override
    void close();
}
