package ipclab.model;

/**
 * Resource usage over a timed region, as differences of readings taken just before and just
 * after it, for exactly the threads or processes named by {@code scope}.
 *
 * @param scope what was counted, e.g. {@code threads ipclab-sender+ipclab-receiver} or
 *     {@code process+child}
 * @param userNanos user CPU time
 * @param systemNanos system (kernel) CPU time
 * @param voluntaryContextSwitches the thread gave up the CPU (blocked)
 * @param involuntaryContextSwitches the thread was preempted
 * @param minorFaults page faults served without I/O
 * @param majorFaults page faults that needed I/O
 * @param migrations moves between CPUs, or -1 where not known
 * @param onCpuNanos time the threads ran on a CPU, from their CPU clocks
 *     (CLOCK_THREAD_CPUTIME_ID: the scheduler's own nanosecond account, not split by tick
 *     samples as user and system time are), or -1 where not known
 */
public record ResourceUsage(
        String scope,
        long userNanos,
        long systemNanos,
        long voluntaryContextSwitches,
        long involuntaryContextSwitches,
        long minorFaults,
        long majorFaults,
        long migrations,
        long onCpuNanos) {

    /** Usage without the scheduler's run time (not known). */
    public ResourceUsage(String scope, long userNanos, long systemNanos, long voluntaryContextSwitches,
            long involuntaryContextSwitches, long minorFaults, long majorFaults, long migrations) {
        this(scope, userNanos, systemNanos, voluntaryContextSwitches, involuntaryContextSwitches, minorFaults,
                majorFaults, migrations, -1);
    }
}
