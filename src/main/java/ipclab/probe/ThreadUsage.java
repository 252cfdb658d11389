package ipclab.probe;

import ipclab.model.ResourceUsage;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.sys.Clocks;
import ipclab.sys.SysException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One thread's usage over its part of the timed region: getrusage(RUSAGE_THREAD), its CPU clock
 * (CLOCK_THREAD_CPUTIME_ID) and its CPU migrations from its sched file, each read just before and
 * just after its loop by the thread measured (the file is /proc/thread-self). Each reading is one
 * system call (a pread of the already open sched file, getrusage, clock_gettime), the exact CPU
 * clock innermost; the sched text is parsed only in {@link #delta}, after the run. No reading
 * happens inside a loop.
 */
public final class ThreadUsage {
    // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: sec, usec), then longs.
    private static final long UTIME = 0;
    private static final long STIME = 16;
    private static final long MINFLT = 64;
    private static final long MAJFLT = 72;
    private static final long NVCSW = 128;
    private static final long NIVCSW = 136;
    /** A sched file is about 2 KB; procfs returns it whole in one read of a page or more. */
    private static final int SCHED_BYTES = 8192;

    private final MemorySegment start = Arena.ofAuto().allocate(Clocks.RUSAGE_BYTES, 8);
    private final MemorySegment end = Arena.ofAuto().allocate(Clocks.RUSAGE_BYTES, 8);
    private final ByteBuffer schedStart = ByteBuffer.allocateDirect(SCHED_BYTES);
    private final ByteBuffer schedEnd = ByteBuffer.allocateDirect(SCHED_BYTES);
    private final MemorySegment cpuClock = Arena.ofAuto().allocate(Clocks.TIMESPEC_BYTES, 8);
    private FileChannel sched;
    private long cpuStartNanos;
    private long cpuEndNanos;

    /**
     * Opens this thread's sched file and reads it (migrations), then getrusage, then the thread's
     * CPU clock innermost (its time is exact to the ns); the loop follows at once.
     */
    public void before() throws SysException {
        try {
            sched = FileChannel.open(Path.of("/proc/thread-self/sched"));
        } catch (IOException | RuntimeException e) {
            sched = null;
        }
        read(schedStart);
        Clocks.getrusage(Clocks.RUSAGE_THREAD, start);
        cpuStartNanos = Clocks.clock_gettime(Clocks.CLOCK_THREAD_CPUTIME_ID, cpuClock);
    }

    /** The same readings in the opposite order; parsing waits for {@link #delta}. */
    public void after() throws SysException {
        cpuEndNanos = Clocks.clock_gettime(Clocks.CLOCK_THREAD_CPUTIME_ID, cpuClock);
        Clocks.getrusage(Clocks.RUSAGE_THREAD, end);
        read(schedEnd);
        if (sched != null) {
            try {
                sched.close();
            } catch (IOException e) {
                // Read-only procfs file: nothing was lost.
            }
        }
    }

    /** pread(2) at offset 0: procfs regenerates the file on each read from its start. */
    private void read(ByteBuffer into) {
        into.clear();
        if (sched == null) {
            into.flip();
            return;
        }
        try {
            sched.read(into, 0);
        } catch (IOException | RuntimeException e) {
            into.clear();
        }
        into.flip();
    }

    /** The difference after minus before, labelled with {@code scope}. */
    public ResourceUsage delta(String scope) {
        ProcSched.Reading before = ProcSched.parse(text(schedStart));
        ProcSched.Reading after = ProcSched.parse(text(schedEnd));
        return new ResourceUsage(scope,
                micros(end, UTIME) - micros(start, UTIME),
                micros(end, STIME) - micros(start, STIME),
                diff(NVCSW), diff(NIVCSW), diff(MINFLT), diff(MAJFLT),
                known(before.migrations(), after.migrations()),
                cpuEndNanos - cpuStartNanos);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static long known(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private long diff(long offset) {
        return end.get(JAVA_LONG, offset) - start.get(JAVA_LONG, offset);
    }

    /** A timeval as nanoseconds (its resolution is a microsecond). */
    private static long micros(MemorySegment rusage, long offset) {
        return rusage.get(JAVA_LONG, offset) * 1_000_000_000L + rusage.get(JAVA_LONG, offset + 8) * 1_000L;
    }

    /** Two threads' usage added up; migrations stay unknown if either is. */
    public static ResourceUsage sum(String scope, ResourceUsage a, ResourceUsage b) {
        return new ResourceUsage(scope, a.userNanos() + b.userNanos(), a.systemNanos() + b.systemNanos(),
                a.voluntaryContextSwitches() + b.voluntaryContextSwitches(),
                a.involuntaryContextSwitches() + b.involuntaryContextSwitches(),
                a.minorFaults() + b.minorFaults(), a.majorFaults() + b.majorFaults(),
                a.migrations() < 0 || b.migrations() < 0 ? -1 : a.migrations() + b.migrations(),
                a.onCpuNanos() < 0 || b.onCpuNanos() < 0 ? -1 : a.onCpuNanos() + b.onCpuNanos());
    }

    /** How many longs {@link #toWords} makes. */
    public static final int WORDS = 8;

    /** The usage as {@link #WORDS} longs, in ResourceUsage's order, to travel in a control message. */
    public static long[] toWords(ResourceUsage u) {
        return new long[] {u.userNanos(), u.systemNanos(), u.voluntaryContextSwitches(),
            u.involuntaryContextSwitches(), u.minorFaults(), u.majorFaults(), u.migrations(), u.onCpuNanos()};
    }

    public static ResourceUsage fromWords(String scope, long[] w, int from) {
        return new ResourceUsage(scope, w[from], w[from + 1], w[from + 2], w[from + 3], w[from + 4], w[from + 5],
                w[from + 6], w[from + 7]);
    }
}
