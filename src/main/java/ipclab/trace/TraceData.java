package ipclab.trace;

import java.util.List;
import java.util.Map;

/**
 * What one tracer reported about one run: the common data model that bpftrace, strace and perf
 * fill where they overlap. Null means the tracer cannot observe it.
 *
 * @param tracer bpftrace, bpftrace-latency, strace, perf or script
 * @param scope what was counted, in words (which threads, which interval)
 * @param attachNanos from starting the tracer to seeing it attached (outside the timed region)
 * @param syscalls per system call, by name, in the order the tracer gave them
 * @param threads the scheduler's view per benchmark thread, or empty
 * @param events counter events by perf's name (context-switches, page-faults...), or empty
 * @param output the tracer's own text: a --script's output, strace's summary table
 */
public record TraceData(
        String tracer,
        String scope,
        long attachNanos,
        Map<String, SyscallStats> syscalls,
        List<ThreadSched> threads,
        Map<String, Long> events,
        String output) {

    public TraceData {
        syscalls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(syscalls));
        threads = List.copyOf(threads);
        events = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(events));
    }

    /** Calls of {@code name} in the region, 0 when none were seen. */
    public long calls(String name) {
        SyscallStats s = syscalls.get(name);
        return s == null ? 0 : s.calls();
    }

    public TraceData withAttachNanos(long nanos) {
        return new TraceData(tracer, scope, nanos, syscalls, threads, events, output);
    }
}
