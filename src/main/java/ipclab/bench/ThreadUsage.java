package ipclab.bench;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.sys.Libc;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * getrusage(RUSAGE_THREAD) of one thread just before and just after its part of the timed
 * region, and its CPU migrations from the sched file. Made and used by the thread it measures.
 * {@link #before} reads the migrations first and getrusage last, {@link #after} getrusage first, so
 * that the window counts the loop and as little else as possible. No reading happens inside a loop.
 */
final class ThreadUsage {
    // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: sec, usec), then longs.
    private static final long UTIME = 0;
    private static final long STIME = 16;
    private static final long MINFLT = 64;
    private static final long MAJFLT = 72;
    private static final long NVCSW = 128;
    private static final long NIVCSW = 136;

    private final MemorySegment start = Arena.ofAuto().allocate(Libc.RUSAGE_BYTES, 8);
    private final MemorySegment end = Arena.ofAuto().allocate(Libc.RUSAGE_BYTES, 8);
    private long migrationsBefore = -1;
    private long migrationsAfter = -1;

    void before() throws SysException {
        migrationsBefore = ProcSched.migrationsOfThisThread();
        Libc.getrusage(Libc.RUSAGE_THREAD, start);
    }

    void after() throws SysException {
        Libc.getrusage(Libc.RUSAGE_THREAD, end);
        migrationsAfter = ProcSched.migrationsOfThisThread();
    }

    /** The difference after minus before, labelled with {@code scope}. */
    ResourceUsage delta(String scope) {
        long migrations = migrationsBefore < 0 || migrationsAfter < 0 ? -1 : migrationsAfter - migrationsBefore;
        return new ResourceUsage(scope,
                micros(end, UTIME) - micros(start, UTIME),
                micros(end, STIME) - micros(start, STIME),
                diff(NVCSW), diff(NIVCSW), diff(MINFLT), diff(MAJFLT), migrations);
    }

    private long diff(long offset) {
        return end.get(JAVA_LONG, offset) - start.get(JAVA_LONG, offset);
    }

    /** A timeval as nanoseconds (its resolution is a microsecond). */
    private static long micros(MemorySegment rusage, long offset) {
        return rusage.get(JAVA_LONG, offset) * 1_000_000_000L + rusage.get(JAVA_LONG, offset + 8) * 1_000L;
    }

    /** Two threads' usage added up; migrations stay unknown if either is. */
    static ResourceUsage sum(String scope, ResourceUsage a, ResourceUsage b) {
        return new ResourceUsage(scope, a.userNanos() + b.userNanos(), a.systemNanos() + b.systemNanos(),
                a.voluntaryContextSwitches() + b.voluntaryContextSwitches(),
                a.involuntaryContextSwitches() + b.involuntaryContextSwitches(),
                a.minorFaults() + b.minorFaults(), a.majorFaults() + b.majorFaults(),
                a.migrations() < 0 || b.migrations() < 0 ? -1 : a.migrations() + b.migrations());
    }

    /** The usage as seven longs, in ResourceUsage's order, to travel in a control message. */
    static long[] toWords(ResourceUsage u) {
        return new long[] {u.userNanos(), u.systemNanos(), u.voluntaryContextSwitches(),
            u.involuntaryContextSwitches(), u.minorFaults(), u.majorFaults(), u.migrations()};
    }

    static ResourceUsage fromWords(String scope, long[] w, int from) {
        return new ResourceUsage(scope, w[from], w[from + 1], w[from + 2], w[from + 3], w[from + 4], w[from + 5],
                w[from + 6]);
    }
}
