package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Placement: sched_getaffinity(2) and sched_setaffinity(2) on a thread; sched_getcpu(3). */
public final class Sched {
    /** {@code sizeof(cpu_set_t)} in glibc: room for 1024 CPUs. */
    public static final long CPU_SET_BYTES = 128;

    private static final MethodHandle SCHED_GETAFFINITY =
            downcall("sched_getaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);

    private static final class Pinning {
        static final MethodHandle SCHED_SETAFFINITY =
                downcall("sched_setaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    }

    /**
     * sched_getcpu(3), with the errno-capturing shape of every other call although it sets no
     * errno: a plain shape of its own would be one more stub class for every run to spin (every
     * run reads it around its loops), about 15 ms of start-up. Its capture segment is shared by
     * all threads, since nothing reads it.
     */
    private static final class Where {
        static final MethodHandle SCHED_GETCPU = downcall("sched_getcpu", JAVA_INT);
        static final MemorySegment UNREAD_ERRNO = java.lang.foreign.Arena.global().allocate(CallState.LAYOUT);
    }

    private Sched() {}

    /** Links sched_getcpu now, outside any timed region. */
    public static void linkGetCpu() {
        java.util.Objects.requireNonNull(Where.SCHED_GETCPU);
    }

    /**
     * {@code int sched_getcpu(void)}, sched_getcpu(3): the CPU the calling thread is running on
     * (glibc reads it through rseq or the vDSO, without a system call), or -1.
     */
    public static int getcpu() {
        try {
            return (int) Downcalls.wide(Where.SCHED_GETCPU, Where.UNREAD_ERRNO, 0, 0, 0, 0, 0, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Links sched_setaffinity now (a run with --cpus), outside any timed region. */
    public static void link() {
        java.util.Objects.requireNonNull(Pinning.SCHED_SETAFFINITY);
    }

    /**
     * {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)},
     * sched_setaffinity(2). {@code tid} 0 is the calling thread; {@code mask} holds
     * {@link #CPU_SET_BYTES}, bit n for CPU n.
     */
    public static void sched_setaffinity(int tid, MemorySegment mask) throws SysException {
        Downcalls.setUp("sched_setaffinity",
                state -> (int) Downcalls.wide(Pinning.SCHED_SETAFFINITY, state, tid, mask.byteSize(), mask.address(), 0, 0, 0));
    }

    /**
     * {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)},
     * sched_getaffinity(2): the CPUs thread {@code tid} (0: the caller) may run on, into {@code mask}.
     */
    public static void sched_getaffinity(int tid, MemorySegment mask) throws SysException {
        Downcalls.setUp("sched_getaffinity",
                state -> (int) Downcalls.wide(SCHED_GETAFFINITY, state, tid, mask.byteSize(), mask.address(), 0, 0, 0));
    }
}
