package ipclab.trace;

/**
 * The scheduler's view of one benchmark thread over the timed region. A field a tracer cannot
 * observe is null.
 *
 * @param tid the kernel's thread id
 * @param role receiver, sender, or receiver+sender (1thread)
 * @param contextSwitches times the thread left the CPU
 * @param preempted of those, times it was still runnable (involuntary switches)
 * @param wakeups times it was woken
 * @param offCpuNanos time off the CPU per switch, power-of-two nanosecond buckets
 * @param pageFaults user page faults it took
 */
public record ThreadSched(
        int tid,
        String role,
        Long contextSwitches,
        Long preempted,
        Long wakeups,
        Log2Histogram offCpuNanos,
        Long pageFaults) {}
