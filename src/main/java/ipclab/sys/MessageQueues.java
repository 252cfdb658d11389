package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * POSIX message queues: mq_open(3), mq_unlink(3), mq_getattr(3), and the hot mq_timedsend(3)
 * and mq_timedreceive(3) (each one system call of the same name). On Linux an {@code mqd_t} is a file descriptor: it is closed with close(2), polled,
 * made non-blocking with fcntl(2) and passed over SCM_RIGHTS like any other. The hot calls are
 * linked with their own C types when this class initialises; {@link #prime} calls each once.
 */
public final class MessageQueues {
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    /** {@code struct mq_attr}: mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs (longs), four reserved. */
    public static final long ATTR_BYTES = 64;

    private static final MethodHandle SEND = downcall("mq_timedsend", JAVA_INT, JAVA_INT, JAVA_LONG,
            JAVA_LONG, JAVA_INT, JAVA_LONG);
    private static final MethodHandle RECEIVE = downcall("mq_timedreceive", JAVA_LONG, JAVA_INT, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG);

    // Set-up only, through the one wide shape (mq_open is variadic: its mode and attr are read as
    // integer registers, as open(2)'s are).
    private static final class SetUp {
        static final MethodHandle OPEN = downcall("mq_open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
        static final MethodHandle UNLINK = downcall("mq_unlink", JAVA_INT, ADDRESS);
        static final MethodHandle GETATTR = downcall("mq_getattr", JAVA_INT, JAVA_INT, ADDRESS);
    }

    /** What mq_getattr(3) said of a queue: the depth and message size the kernel granted. */
    public record Attributes(long maxMessages, long messageBytes) {}

    private MessageQueues() {}

    /**
     * {@code mqd_t mq_open(const char *name, int oflag, mode_t mode, struct mq_attr *attr)},
     * mq_open(3): with {@code O_CREAT} the queue is made {@code maxMessages} deep for messages of
     * {@code messageBytes} (an attr of 0, 0 is the kernel's defaults); otherwise an existing one
     * is opened and the sizes are ignored.
     */
    public static int mq_open(String name, int flags, int mode, long maxMessages, long messageBytes)
            throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            attr.set(JAVA_LONG, 8, maxMessages);
            attr.set(JAVA_LONG, 16, messageBytes);
            long attrAddress = (flags & O_CREAT) != 0 ? attr.address() : 0;
            return Downcalls.setUp("mq_open", state -> (int) Downcalls.wide(SetUp.OPEN, state, n.address(), flags,
                    mode, attrAddress, 0, 0));
        }
    }

    /** {@code int mq_unlink(const char *name)}, mq_unlink(3): the name goes, open queues stay. */
    public static void mq_unlink(String name) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            Downcalls.setUp("mq_unlink", state -> (int) Downcalls.wide(SetUp.UNLINK, state, n.address(), 0, 0, 0, 0,
                    0));
        }
    }

    /** {@code int mq_getattr(mqd_t mqdes, struct mq_attr *attr)}, mq_getattr(3). */
    public static Attributes mq_getattr(int mqd) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            Downcalls.setUp("mq_getattr", state -> (int) Downcalls.wide(SetUp.GETATTR, state, mqd, attr.address(), 0,
                    0, 0, 0));
            return new Attributes(attr.get(JAVA_LONG, 8), attr.get(JAVA_LONG, 16));
        }
    }

    /**
     * {@code int mq_timedsend(mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned int msg_prio,
     * const struct timespec *abs_timeout)}, mq_timedsend(3), priority 0: one message of
     * {@code count} bytes, all or nothing, waiting for room until {@code timeoutAddress}'s
     * CLOCK_REALTIME deadline (0: forever). Returns {@code count} (write(2)'s convention, so the
     * loops count bytes) or -errno ({@code ETIMEDOUT} past the deadline).
     */
    public static long send(CallState cs, int mqd, long address, long count, long timeoutAddress) {
        try {
            // the one wide shape (Downcalls.downcall): an int result is the low half
            int r = (int) (long) SEND.invokeExact(cs.segment, (long) mqd, address, count, 0L, timeoutAddress, 0L);
            return r == 0 ? count : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code ssize_t mq_timedreceive(mqd_t mqdes, char *msg_ptr, size_t msg_len, unsigned int *msg_prio,
     * const struct timespec *abs_timeout)}, mq_timedreceive(3): the oldest message, its length or
     * -errno ({@code EMSGSIZE} when {@code count} is smaller than the queue's message size,
     * {@code ETIMEDOUT} past the deadline).
     */
    public static long receive(CallState cs, int mqd, long address, long count, long timeoutAddress) {
        try {
            long r = (long) RECEIVE.invokeExact(cs.segment, (long) mqd, address, count, 0L, timeoutAddress, 0L);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Calls both hot bindings once on an invalid descriptor (EBADF, no side effect). */
    public static void prime(CallState cs) {
        send(cs, -1, 0, 0, 0);
        receive(cs, -1, 0, 0, 0);
    }

    /** Links the set-up calls now, outside any timed region. */
    public static void link() {
        java.util.Objects.requireNonNull(SetUp.OPEN);
    }
}
