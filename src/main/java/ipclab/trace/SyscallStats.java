package ipclab.trace;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a tracer saw of one system call in the region. A field a tracer cannot observe is null.
 *
 * @param name the call's name (read, write, poll...)
 * @param calls how many calls
 * @param errors failed calls by errno name (EAGAIN...), empty when none failed
 * @param latencyNanos time in the call, power-of-two nanosecond buckets, or null
 * @param totalNanos time in the call summed over all calls, or null
 * @param requestedBytes the size argument (read, write), or null
 * @param returnedBytes the return value of successful calls (read, write), or null
 */
public record SyscallStats(
        String name,
        long calls,
        Map<String, Long> errors,
        Log2Histogram latencyNanos,
        Long totalNanos,
        Log2Histogram requestedBytes,
        Log2Histogram returnedBytes) {

    public SyscallStats {
        errors = Map.copyOf(errors);
    }

    public static SyscallStats count(String name, long calls) {
        return new SyscallStats(name, calls, Map.of(), null, null, null, null);
    }

    /** The errors sorted by name, for stable output. */
    public Map<String, Long> sortedErrors() {
        return new TreeMap<>(errors);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
