package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.invoke.MethodHandle;

/**
 * eventfd(2): a kernel counter behind a descriptor. A write(2) of 8 bytes adds their value to
 * it, a read(2) of 8 bytes returns it and resets it to 0 (blocking while it is 0). Linked when
 * first used: only eventfd runs pay for it.
 */
public final class EventFds {
    public static final int EFD_CLOEXEC = Io.O_CLOEXEC;
    public static final int EFD_NONBLOCK = Io.O_NONBLOCK;
    /** The size of every read and write: the counter is a uint64_t. */
    public static final int COUNTER_BYTES = 8;
    /** fcntl(F_DUPFD_CLOEXEC): a second descriptor of the same open file, close-on-exec. */
    public static final int F_DUPFD_CLOEXEC = 1030;

    private static final MethodHandle EVENTFD = downcall("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);

    private EventFds() {}

    /** {@code int eventfd(unsigned int initval, int flags)}, eventfd(2). */
    public static int eventfd(int initialValue, int flags) throws SysException {
        return Downcalls.setUp("eventfd",
                state -> (int) Downcalls.wide(EVENTFD, state, initialValue, flags, 0, 0, 0, 0));
    }

    /** {@code fcntl(fd, F_DUPFD_CLOEXEC, 0)}: another descriptor of {@code fd}'s open file. */
    public static int dup(int fd) throws SysException {
        try {
            return Io.fcntl(fd, F_DUPFD_CLOEXEC, 0);
        } catch (SysException e) {
            throw new SysException("fcntl(F_DUPFD_CLOEXEC)", e.errno());
        }
    }

    /**
     * Wakes a thread blocked in read(2) on eventfd {@code fd} and makes every later read of it
     * fail: an eventfd has no end of file and cannot be shut down, so a peer that has gone (or a
     * run stopped for taking too long) would leave its reader blocked for ever. The descriptor
     * is made non-blocking (its open file, shared by every descriptor of it), then 1 is added to
     * the counter: a blocked reader returns with a value that carries no round's stamp, and its
     * next read finds the counter empty and fails with EAGAIN. Adding 1 cannot overflow the
     * counter (a message's value is far below its limit), so this write never blocks. Errors
     * are ignored: a descriptor already closed has nobody to wake.
     */
    public static void wake(int fd) {
        try {
            Io.setNonBlocking(fd);
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment one = arena.allocate(java.lang.foreign.ValueLayout.JAVA_LONG);
                one.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, 1L);
                Io.write(new CallState(), fd, one.address(), COUNTER_BYTES);
            }
        } catch (SysException e) {
            // closed meanwhile: nothing blocks on it
        }
    }

    /** Links this class's calls now, outside any timed region. */
    public static void link() {
        java.util.Objects.requireNonNull(EVENTFD);
    }
}
