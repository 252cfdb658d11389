package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Moving pages instead of bytes: vmsplice(2) (a user buffer's pages into a pipe) and splice(2)
 * (a pipe's pages to another file), both hot, linked with their own C types when this class
 * initialises; {@link #prime} calls each once. And open(2) of /dev/null, the sink a splicing
 * receiver hands its pages to.
 */
public final class Splices {
    /** Do not block (on a full pipe, an empty one). */
    public static final int SPLICE_F_NONBLOCK = 2;
    /** {@code struct iovec}: iov_base, iov_len. */
    public static final long IOVEC_BYTES = 16;

    private static final MethodHandle VMSPLICE = downcall("vmsplice", JAVA_LONG, JAVA_INT, JAVA_LONG,
            JAVA_LONG, JAVA_INT);
    private static final MethodHandle SPLICE = downcall("splice", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT,
            JAVA_LONG, JAVA_LONG, JAVA_INT);

    private static final class SetUp {
        static final MethodHandle OPEN = downcall("open", JAVA_INT, ADDRESS, JAVA_INT);
    }

    private Splices() {}

    /**
     * {@code ssize_t vmsplice(int fd, const struct iovec *iov, size_t nr_segs, unsigned int flags)},
     * vmsplice(2): the pages under the {@code segments} iovecs at {@code iovAddress} go into the
     * pipe {@code fd} by reference; as many as fit (a short count when the pipe fills). Bytes or -errno.
     */
    public static long vmsplice(CallState cs, int fd, long iovAddress, long segments, int flags) {
        try {
            long r = (long) VMSPLICE.invokeExact(cs.segment, (long) fd, iovAddress, segments, (long) flags, 0L, 0L);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code ssize_t splice(int fd_in, off64_t *off_in, int fd_out, off64_t *off_out, size_t len,
     * unsigned int flags)}, splice(2), without offsets: up to {@code count} bytes of the pipe
     * {@code in} moved to {@code out}. Bytes, 0 at end of file, or -errno.
     */
    public static long splice(CallState cs, int in, int out, long count, int flags) {
        try {
            long r = (long) SPLICE.invokeExact(cs.segment, (long) in, 0L, (long) out, 0L, count, (long) flags);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Calls both hot bindings once on an invalid descriptor (EBADF, no side effect). */
    public static void prime(CallState cs) {
        vmsplice(cs, -1, 0, 0, 0);
        splice(cs, -1, -1, 0, 0);
    }

    /** open("/dev/null", O_WRONLY | O_CLOEXEC): the sink of a splicing receiver. */
    public static Fd openNull() throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("/dev/null");
            return new Fd(Downcalls.setUp("open(/dev/null)", state -> (int) Downcalls.wide(SetUp.OPEN, state,
                    path.address(), Pipes.O_WRONLY | Io.O_CLOEXEC, 0, 0, 0, 0)));
        }
    }
}
