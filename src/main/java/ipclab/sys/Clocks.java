package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Clocks and accounting: clock_getres(2), clock_gettime(2), getrusage(2). The -g probe reads
 * them just around a timed loop, so they take caller-made segments and allocate nothing.
 */
public final class Clocks {
    public static final int RUSAGE_SELF = 0;
    public static final int RUSAGE_THREAD = 1;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;
    /** {@code sizeof(struct timespec)} on 64-bit Linux. */
    public static final long TIMESPEC_BYTES = 16;
    /** {@code sizeof(struct rusage)} on 64-bit Linux: two timevals and fourteen longs. */
    public static final long RUSAGE_BYTES = 144;

    private static final MethodHandle GETRUSAGE = downcall("getrusage", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle CLOCK_GETRES = downcall("clock_getres", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle CLOCK_GETTIME = downcall("clock_gettime", JAVA_INT, JAVA_INT, ADDRESS);

    private Clocks() {}

    /** Links this class's calls now (-g), outside any timed region. */
    public static void link() {}

    /**
     * {@code int getrusage(int who, struct rusage *usage)}, getrusage(2). {@code usage} holds
     * {@link #RUSAGE_BYTES}; with {@link #RUSAGE_THREAD} it counts the calling thread only.
     */
    public static void getrusage(int who, MemorySegment usage) throws SysException {
        CallState cs = Downcalls.setUpState();
        int r;
        try {
            r = (int) Downcalls.wide(GETRUSAGE, cs.segment, who, usage.address(), 0, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(usage); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        Downcalls.fail("getrusage", r, cs);
    }

    /**
     * {@code int clock_getres(clockid_t clockid, struct timespec *res)}, clock_getres(2): the
     * resolution of {@code clockId} in nanoseconds.
     */
    public static long clock_getres(int clockId) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(TIMESPEC_BYTES, 8);
            Downcalls.setUp("clock_getres", state -> (int) Downcalls.wide(CLOCK_GETRES, state, clockId, ts.address(), 0, 0, 0, 0));
            return ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
        }
    }

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}, clock_gettime(2), into
     * {@code timespec} ({@link #TIMESPEC_BYTES}, made by the caller beforehand); returns it in ns.
     * With {@link #CLOCK_THREAD_CPUTIME_ID}: the calling thread's CPU time, exact (the kernel adds
     * the running slice, which the sched file's sum_exec_runtime does not).
     */
    public static long clock_gettime(int clockId, MemorySegment timespec) throws SysException {
        CallState cs = Downcalls.setUpState();
        int r;
        try {
            r = (int) Downcalls.wide(CLOCK_GETTIME, cs.segment, clockId, timespec.address(), 0, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(timespec); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        Downcalls.fail("clock_gettime", r, cs);
        return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
    }
}
