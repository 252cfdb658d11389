package ipclab.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * What an end of a shared-memory ring calls when it has to wait: futex(2) (FUTEX_WAIT and
 * FUTEX_WAKE on a word in the shared mapping, through syscall(2), as glibc has no wrapper),
 * sched_yield(2), and pidfd_open(2) with which a waiting end asks whether its peer process is
 * still there. Hot calls: they take the caller's {@link CallState}, allocate nothing and return
 * the result or {@code -errno}; {@link #prime} makes each once.
 */
public final class Waits {
    public static final int FUTEX_WAIT = 0;
    public static final int FUTEX_WAKE = 1;
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    /** asm-generic numbers on AArch64, x86-64's own elsewhere (the only two ipclab runs on). */
    private static final long SYS_FUTEX = AARCH64 ? 98 : 202;
    private static final long SYS_PIDFD_OPEN = 434;

    /** {@code long syscall(long number, ...)}, syscall(2), with four arguments, every one a long. */
    private static final MethodHandle SYSCALL = Downcalls.LINKER.downcallHandle(
            Downcalls.LIBC.findOrThrow("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Downcalls.ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SCHED_YIELD = Downcalls.downcall("sched_yield", JAVA_INT);

    private Waits() {}

    /** Links the calls of this class now, outside any timed region. */
    public static void link() {
        java.util.Objects.requireNonNull(SYSCALL);
    }

    /** Calls futex and pidfd_open once with no effect (a wake of a word nobody waits on, pid -1), from this thread. */
    public static void prime(CallState cs, long wordAddress) {
        futex_wake(cs, wordAddress, 1);
        pidfd_open(cs, -1);
    }

    /**
     * {@code futex(uaddr, FUTEX_WAIT, val, timeout)}, futex(2): sleeps while the word at
     * {@code wordAddress} holds {@code expected}, at most the {@code struct timespec} at
     * {@code timeoutAddress}. 0 when woken, -EAGAIN when the word had changed, -ETIMEDOUT, -EINTR.
     * Not FUTEX_PRIVATE_FLAG: the word is in a mapping two processes share.
     */
    public static long futex_wait(CallState cs, long wordAddress, int expected, long timeoutAddress) {
        return call(cs, SYS_FUTEX, wordAddress, FUTEX_WAIT, expected & 0xFFFF_FFFFL, timeoutAddress);
    }

    /** {@code futex(uaddr, FUTEX_WAKE, n)}, futex(2): how many waiters were woken, or -errno. */
    public static long futex_wake(CallState cs, long wordAddress, int waiters) {
        return call(cs, SYS_FUTEX, wordAddress, FUTEX_WAKE, waiters, 0);
    }

    /** {@code int pidfd_open(pid_t pid, unsigned int flags)}, pidfd_open(2): a descriptor that polls readable once the process has ended, or -errno. */
    public static int pidfd_open(CallState cs, int pid) {
        return (int) call(cs, SYS_PIDFD_OPEN, pid, 0, 0, 0);
    }

    /** {@code int sched_yield(void)}, sched_yield(2): 0 or -errno. */
    public static int sched_yield(CallState cs) {
        try {
            int r = (int) (long) SCHED_YIELD.invokeExact(cs.segment, 0L, 0L, 0L, 0L, 0L, 0L); // the wide shape
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static long call(CallState cs, long number, long a, long b, long c, long d) {
        try {
            long r = (long) SYSCALL.invokeExact(cs.segment, number, a, b, c, d);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
